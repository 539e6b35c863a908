/**
 * Runs a Pulumi TypeScript/JavaScript program statically: statements are
 * walked with the TypeScript compiler's syntax tree (no type checker),
 * constants and template literals are evaluated, `new aws.x.Y(name, args)`
 * records a resource, and what depends on configuration, the provider or
 * deployment is Unknown. Outputs are transparent: `x.apply(f)` is `f(x)`,
 * `pulumi.interpolate` builds a Template, `resource.arn` is a Ref.
 */
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type * as TypeScript from 'typescript';
import {
  copyLines,
  itemLinesOf,
  lineOfNode,
  lineOfPath,
  recordAssignedKeyLines,
  recordKeyLinesOnly,
  recordLines,
  withoutLines,
} from '../../graph/locations';
import {
  MAX_VALUE_SIZE,
  Ref,
  Template,
  Unknown,
  computedFromResources,
  Value,
  ValueMap,
  concatWithinMaxSize,
  isMap,
  setEntry,
  sizeOf,
  tooLargeValue,
} from '../../graph/values';
import { isStackOverflow } from '../../support/stackOverflow';
import {
  mergePolicyDocuments,
  mergedDocuments,
  statementPrincipal,
} from '../policyDocuments';
import { JsonText, readJsonDocument } from './documents';
import { lookupTable } from '../../support/lookupTable';
import {
  awsManagedPolicyArn,
  awsManagedPolicyArnUnder,
  awsManagedPolicyName,
  awsManagedPolicyNames,
} from '../../analysis/awsManagedPolicies';
import { onFirstUse } from '../../support/onFirstUse';
import { folderOf } from '../../support/paths';

/**
 * The TypeScript compiler takes about half a second to load, longer than a
 * CLI scan of a few hundred templates: it is loaded when the first program
 * is read, so scans without Pulumi or CDK sources never pay for it.
 */
let ts: typeof TypeScript;

/** A resource the program created: what `new aws.x.Y(...)` evaluates to. */
export class ResourceHandle {
  constructor(readonly id: string, readonly pulumiType: string) {}
}

/** An object a host models itself (a CDK metric, a policy statement): members and methods go to the host. */
export class HostObject {
  constructor(readonly kind: string, readonly data: Record<string, JsValue>) {}
}

/**
 * A function or arrow function of the program, with the scope it closes over;
 * one `fn.bind(self, …args)` makes has its `this` and first arguments bound.
 */
class FunctionValue {
  constructor(
    readonly node: TypeScript.FunctionLikeDeclaration,
    readonly scope: Scope,
    readonly self?: ThisValue,
    readonly bound?: { args: JsValue[] },
  ) {}
}

/** A class of the program (a ComponentResource, or any helper class). */
class ClassValue {
  /** Its static fields, set when the class is defined. */
  readonly statics = new Map<string, JsValue>();
  constructor(
    readonly node: TypeScript.ClassLikeDeclaration,
    readonly scope: Scope,
  ) {}
}

/**
 * What `this` is in code of the program: an instance of its class in a method, the class in a static one (whose
 * `new this(…)` makes an instance of it), the object a plain function called with `new` makes.
 */
type ThisValue = Instance | ClassValue | { [key: string]: JsValue };

/** An object created from a class of the program: its `this` fields. */
export class Instance {
  readonly fields = new Map<string, JsValue>();
  /**
   * The members the host's class it extends last gives it (a CDK stack's `formatArn`): the program's own classes
   * override them, as methods of a subclass do.
   */
  readonly inherited = new Map<string, JsValue>();
  /**
   * The resource it is, for a class that extends a resource class
   * (`class AppQueue extends aws.sqs.Queue`): its `super(…)` declares it, and
   * the instance reads and is handed on as that resource.
   */
  resource?: ResourceHandle;
  /**
   * The list, Map or Set it is, for a class that extends Array, Map or Set (`class Registry extends Map`): its
   * `super(…)` makes it, and the instance reads, iterates and spreads as it (see builtinOf).
   */
  base?: MapValue | JsValue[];
  /** `variable`: the one its `new` is assigned to, if any. */
  constructor(readonly cls: ClassValue, readonly variable?: string) {}
}

/** What a value iterates and spreads as: the list, Map or Set an instance of a class extending one is (see Instance.base). */
function builtinOf(value: JsValue): JsValue {
  return value instanceof Instance && value.base ? value.base : value;
}

/** The resource a value is: a resource, or an instance of a class of the program that extends a resource class. */
export function resourceOf(value: JsValue): ResourceHandle | undefined {
  if (value instanceof ResourceHandle) return value;
  return value instanceof Instance ? value.resource : undefined;
}

/**
 * `value` with each instance of a class of the program that is a resource (see {@link resourceOf}) as that
 * resource, in lists and objects too (copies of them, with their lines; those without one are themselves): for a
 * host that reads what it is handed as resources (a CDK function's `deadLetterQueue: new AppQueue(…)`).
 */
export function asResources(value: JsValue, depth = 0): JsValue {
  if (value instanceof Instance) return value.resource ?? value;
  if (depth > 4) return value;
  if (Array.isArray(value)) {
    const items = value.map(item => asResources(item, depth + 1));
    if (items.every((item, index) => item === value[index])) return value;
    copyLines(value, items);
    return items;
  }
  if (!isPlainObject(value)) return value;
  let copy: { [key: string]: JsValue } | undefined;
  for (const [key, item] of Object.entries(value)) {
    const resource = asResources(item, depth + 1);
    if (resource === item) continue;
    // The spread keeps the mark of code not known statically (see open).
    copy ??= { ...value };
    copy[key] = resource;
  }
  if (copy) copyLines(value, copy);
  return copy ?? value;
}

/**
 * A `Map` the program makes (`new Map<string, aws.sqs.Queue>()`): its entries by key (see {@link mapKey}). One
 * given keys not known, or handed to code not known, may hold others, whose values it keeps (see MAY_HOLD). A `Set`
 * is one whose entries are each value by itself, as JavaScript's `entries()` gives them.
 */
class MapValue {
  readonly entries = new Map<string, [key: JsValue, value: JsValue]>();
  keysNotKnown = false;
  /**
   * The keys of entries whose value an entry set with a key not known may have replaced, and of those a delete of a
   * key not known, or code not known, may have removed: what get and has give of them is not known.
   */
  readonly mayBeReplaced = new Set<string>();
  readonly mayBeRemoved = new Set<string>();
  constructor(readonly isSet: boolean) {}
}

/** A Map's keys are no longer all known: its entries may have been replaced, and, where `removed`, removed. */
function keysNoLongerKnown(map: MapValue, removed: boolean) {
  map.keysNotKnown = true;
  for (const key of map.entries.keys())
    (removed ? map.mayBeRemoved : map.mayBeReplaced).add(key);
}

/** The keys of the objects Maps are given as keys (see mapKey), one for each object. */
const objectKeys = new WeakMap<object, string>();
/** Those of functions, by declaration and scope: one whichever value reads it (`a.run`, `b.run`: see sameObject). */
const functionKeys = new WeakMap<object, WeakMap<object, string>>();
let objectKeysMade = 0;

/**
 * The key a Map's entry is kept by: a text, number, boolean, null or undefined by its value, a resource by its id,
 * a function by its declaration and scope, another object by itself (as JavaScript compares keys). Undefined for a
 * key not known statically.
 */
function mapKey(given: JsValue): string | undefined {
  const key = compared(given);
  if (key === undefined || isKnownScalar(key))
    return `${typeof key}:${String(key)}`;
  const resource = resourceOf(key);
  if (resource) return `resource:${resource.id}`;
  if (key instanceof FunctionValue) {
    const byScope = functionKeys.get(key.node) ?? new WeakMap();
    functionKeys.set(key.node, byScope);
    let own = byScope.get(key.scope);
    if (!own) byScope.set(key.scope, (own = `function:${++objectKeysMade}`));
    return own;
  }
  if (
    key instanceof Unknown ||
    key instanceof Ref ||
    key instanceof Template ||
    typeof key !== 'object' ||
    key === null
  )
    return undefined;
  let own = objectKeys.get(key);
  if (!own) objectKeys.set(key, (own = `object:${++objectKeysMade}`));
  return own;
}

/** A module namespace: `aws`, `aws.lambda`, `pulumi`, or a module of the program. */
export class Namespace {
  constructor(readonly path: string, readonly exports?: Map<string, JsValue>) {}
}

/** A built-in function the evaluator implements (`pulumi.interpolate`, `JSON.stringify`...). */
class Builtin {
  constructor(readonly name: string, readonly self?: JsValue) {}
}

/** A method of something a host models, for `member` hooks to return: calling it calls the host's `callMethod`. */
export function hostMethod(
  object: ResourceHandle | HostObject,
  name: string,
): JsValue {
  return new Builtin(`method:${name}`, object);
}

/** `pulumi.ComponentResource`, which a component of the program extends. */
function isComponentResource(value: JsValue): value is Builtin {
  return value instanceof Builtin && value.name === 'pulumi.ComponentResource';
}

/**
 * A method a host models (see {@link hostMethod}). `new` and `super(…)` call
 * any of them, as JavaScript constructs a function that returns an object:
 * the instance is what the call gives. @pulumi/aws's subscription classes are
 * such methods (`new <class>`), as are its functions (`aws.cloudwatch.onSchedule`);
 * one that is no constructor (a CDK class's static method) throws there when
 * the program runs, so what it makes here does not matter.
 */
function isHostMethod(value: JsValue): value is Builtin {
  return value instanceof Builtin && value.name.startsWith('method:');
}

export type JsValue =
  | Value
  | JsonText
  | ResourceHandle
  | FunctionValue
  | ClassValue
  | Instance
  | Namespace
  | Builtin
  | HostObject
  | MapValue
  | undefined
  | JsValue[]
  | { [key: string]: JsValue };

class Scope {
  private readonly vars = new Map<string, JsValue>();
  /** Names a module imports from another of the program, each read from that module's exports when used (see bindImport). */
  private readonly imports = new Map<string, () => JsValue>();
  constructor(readonly parent?: Scope, readonly self?: ThisValue) {}
  lookup(name: string): { found: boolean; value?: JsValue } {
    if (this.vars.has(name)) return { found: true, value: this.vars.get(name) };
    const imported = this.imports.get(name);
    if (imported) return { found: true, value: imported() };
    return this.parent ? this.parent.lookup(name) : { found: false };
  }
  declare(name: string, value: JsValue) {
    this.vars.set(name, value);
  }
  /**
   * An imported name, whose value is read when it is used: the binding is
   * live, in an ES module as in TypeScript's CommonJS output (which reads
   * `module_1.name`), so code that runs before the other module, or changes
   * what it exports, sets it reads what it holds then.
   */
  bindImport(name: string, read: () => JsValue) {
    this.imports.set(name, read);
  }
  assign(name: string, value: JsValue) {
    this.owner(name).vars.set(name, value);
  }
  /** The scope that holds a name (this one when none does: assigning declares it here). */
  owner(name: string): Scope {
    return this.vars.has(name) || !this.parent?.has(name)
      ? this
      : this.parent.owner(name);
  }
  /** The name's value here, for the scope {@link owner} returns. */
  ownValue(name: string): JsValue {
    return this.vars.get(name);
  }
  private has(name: string): boolean {
    return (
      this.vars.has(name) ||
      this.imports.has(name) ||
      (this.parent?.has(name) ?? false)
    );
  }
  get thisValue(): ThisValue | undefined {
    return this.self ?? this.parent?.thisValue;
  }
  /** `this` where it is an instance of a class of the program (in a constructor or a method), as `super` needs. */
  get instance(): Instance | undefined {
    const self = this.thisValue;
    return self instanceof Instance ? self : undefined;
  }
}

/** A class whose constructor runs, with the initializers of its instance's fields while they wait for its `super(…)` to return. */
interface RunningConstructor {
  cls: ClassValue;
  initializeFields?: () => void;
}

/** What the program declares, for the adapter to turn into a graph. */
export interface ProgramHost {
  /** Text of a program file by path; undefined when the project has no such file. */
  readFile(path: string): string | undefined;
  /**
   * A file of the scanned tree that the program reads as data (`fs.readFileSync`), by its path relative to the
   * scanned root; undefined when it cannot be read (see ReadCompanionFile).
   */
  readDataFile?(path: string): string | undefined;
  /** The folder the program runs in (its project's: `cdk synth` and `pulumi up` run there), which `process.cwd()` gives. */
  workingFolder?: string;
  /**
   * The region of the default AWS provider, where the stack's configuration makes it known statically (`aws:region`):
   * that of a resource whose options name no provider and no parent that hands one on (see ResourceCall.providerRegion),
   * and `aws.config.region`, which reads that configuration (see ConfiguredRegion).
   */
  defaultRegion?: string;
  /**
   * Whether the program registers transformations of every resource of the stack (`registerStackTransformation`,
   * `registerResourceTransform`), which may give any resource another provider: no resource's provider is known.
   */
  transformsStack?: boolean;
  /** Called for `new aws.<module>.<Resource>(name, args, opts)`. */
  createResource(call: ResourceCall): ResourceHandle;
  output(name: string, value: JsValue, file: string, line: number): void;
  /**
   * A provider whose default tags may tag what it makes was made (`new aws.Provider` given defaultTags, or options
   * not known), or a provider not known was handed on: the children of a parent may be tagged by it (see
   * {@link ResourceCall.defaultTags}).
   */
  defaultTags(): void;
  parseError(file: string, line: number, message: string): void;
  /** Hooks of hosts other than Pulumi's (CDK): packages, `new`, members and methods of what they model. */
  module?(specifier: string): JsValue | undefined;
  namespaceMember?(path: string): JsValue | undefined;
  construct?(
    path: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue | undefined;
  member?(
    object: ResourceHandle | HostObject,
    name: string,
  ): JsValue | undefined;
  /** Whether `object.name` is undefined when the program runs (a CDK L1's prop it is not given), which {@link member} cannot say. */
  memberNotSet?(object: ResourceHandle, name: string): boolean;
  /**
   * Whether a resource's attribute, read by {@link member} or else as a reference, may be undefined when the program
   * runs (a CDK table's `tableStreamArn` without a stream): without this hook, none is (see {@link ATTRIBUTE_VALUES}).
   */
  attributeMayBeUnset?(object: ResourceHandle, name: string): boolean;
  /**
   * `object.name` of a value not known statically that the host knows more
   * of (a CDK construct not modelled, whose subnets are below it); undefined
   * where it does not: the value itself.
   */
  memberOfUnknown?(object: Unknown, name: string): JsValue | undefined;
  /** `value.name` of a reference or a text made of them that the host knows (a CDK token's `toString`); undefined where it does not. */
  memberOfToken?(value: Ref | Template, name: string): JsValue | undefined;
  /** `text.name` of a text that stands for an object of the host's (a CDK Lambda runtime, as its name); undefined where it does not. */
  memberOfText?(text: string, name: string): JsValue | undefined;
  /** An item of a collection not known statically that the host knows more of (see {@link memberOfUnknown}); undefined where it does not. */
  itemOfUnknown?(collection: Unknown): JsValue | undefined;
  callMethod?(
    object: ResourceHandle | HostObject,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue;
  /** `object.name = value` on what the host models (a CDK L1's property). */
  setMember?(
    object: ResourceHandle | HostObject,
    name: string,
    value: JsValue,
    site: CallSite,
  ): void;
  /** Called with the arguments of a call to something not known statically (`callee`: what is called, or constructed). */
  unknownCall?(args: JsValue[], callee: JsValue): void;
  /**
   * `config.<method>(key)` of a `new pulumi.Config(namespace)` (namespace
   * undefined: the project's): the value the host reads for it, `undefined`
   * for one not set; without this hook, not known.
   */
  config?(method: string, namespace: JsValue, key: string): JsValue;
  /** Called when a class of the program is instantiated at `site` (its `new`), before its constructor runs. */
  instance?(instance: Instance, args: JsValue[], site: CallSite): void;
  /**
   * Called when an instance's constructor runs that of a class the program does not define (`super(…)` of a
   * `cdk.Stack`) at `site`; the host may set the instance's {@link Instance.resource} (`extends lambda.Function`).
   */
  hostSuper?(
    instance: Instance,
    parent: JsValue,
    readArguments: () => JsValue[],
    site: CallSite,
  ): void;
  /**
   * A value that is one of `values` (of alternatives of code whose
   * condition is not known statically), where the host knows more of it than
   * that it is not known (a subscription's source of one kind); undefined
   * where it does not.
   */
  oneOf?(values: JsValue[]): JsValue | undefined;
  /**
   * Called where a value that is one of `values` is not known (see {@link oneOf}): what the program then does
   * with it (a trigger, a grant) reaches none of the resources among them, each of which it may be.
   */
  alternativesNotKnown?(values: JsValue[]): void;
}

/** Where a call is made. */
export interface CallSite {
  file: string;
  line: number;
  /** The variable or field the result is assigned to, if any. */
  variable?: string;
  /** In code that may not run (a branch of a condition not known statically). */
  mayNotRun?: boolean;
  /** Source text of the call's first argument (a name, for an id when it is not known statically). */
  nameText?: string;
  /** Source text of a construct's id, its second argument (`new Queue(this, \`dlq-${i}\`)`). */
  idText?: string;
  /** In a loop whose rounds are not known statically: what is made there may be made any number of times, or never. */
  inLoopNotKnown?: boolean;
}

export interface ResourceCall {
  /** `lambda.Function` for `aws.lambda.Function`. */
  pulumiType: string;
  /** The type as the program writes it when not `aws.<pulumiType>` (a YAML program's `aws:lambda:Function`). */
  sourceType?: string;
  /** The name argument, evaluated. */
  name: JsValue;
  /** Source text of the name argument, for an id when the name is not static. */
  nameText: string;
  /** The variable or field the resource is assigned to, if any. */
  variable?: string;
  args: JsValue;
  file: string;
  line: number;
  /** The last line of the declaration (of the `new` expression, its arguments and options). */
  lastLine: number;
  /** Declared in code that may not run (a branch of a condition not known statically). */
  mayNotRun: boolean;
  /** Declared in a loop whose rounds are not known statically (see {@link CallSite.inLoopNotKnown}). */
  inLoopNotKnown: boolean;
  /**
   * How the program reached the declaration, outermost first: each
   * function invocation on the way, each loop round, and last the `new`
   * itself. It tells the resource from every other one the program
   * declares, whatever names the program builds, and is the same in
   * another run of the program that reaches it the same way. A resource
   * that a helper call declares (see {@link Interpreter.declaredByCall})
   * has the call, and which of its declarations it is, last.
   */
  path: readonly WayStep[];
  /** The path's number (see {@link WayNumbers}). */
  way: number;
  /** Which lines of the objects and lists in `args` are lines of `file`. */
  linesHere: LinesOfFile;
  /**
   * Whether a provider's default tags may tag it, of its options: `may` where they name a provider given
   * defaultTags, or one not known, or are not known; `parent` where they name a parent, whose providers it takes;
   * none where it is made by the default provider or providers known to have no default tags.
   */
  defaultTags?: 'may' | 'parent';
  /**
   * The region of the AWS provider that makes it, where known statically: that of the provider its options name
   * (`{ provider: west }`, or among `providers`, made by `new aws.Provider('west', { region: 'eu-west-2' })`, where it
   * is known statically), else of the one its parent hands on (a component's `providers`, see
   * {@link regionOfProvider}), else the default provider's (see ProgramHost.defaultRegion). None where not known.
   */
  providerRegion?: string;
}

/** A step of the way to a declaration (see {@link ResourceCall.path}). */
export interface WayStep {
  /** The file of the call or `new` expression, or of the loop. */
  file: string;
  /** Where it is in the file: a loop's start, a call's or `new`'s end (see {@link RunningCall.position}). */
  position: number;
  /** Which invocation of the call it is (in the order the call made them). */
  invocation?: number;
  /**
   * Which round of the loop, or invocation of a callback over a
   * collection, it is: by its item (see {@link itemsKnownBy}), or
   * {@link ANY_ITEM}.
   */
  round?: string;
}

/**
 * Numbers the ways to declarations (see {@link ResourceCall.path}) step by
 * step, so that a way is known by a number rather than by a text as long
 * as it is deep: the same way has the same number in every run of a
 * program that shares the numbers.
 */
export class WayNumbers {
  private readonly numbers = new Map<string, number>();
  /** Files by number, so that keys stay short. */
  private readonly files = new Map<string, number>();

  /** The number of the way that `step` takes further than the way numbered `from` (0: the program's start). */
  extend(from: number, step: WayStep): number {
    let file = this.files.get(step.file);
    if (file === undefined) this.files.set(step.file, (file = this.files.size));
    const key = `${from} ${file} ${step.position} ${step.invocation ?? ''} ${
      step.round ?? ''
    }`;
    let number = this.numbers.get(key);
    if (number === undefined)
      this.numbers.set(key, (number = this.numbers.size + 1));
    return number;
  }
}

/** Which lines of a program's objects and lists are lines of one file (see {@link Interpreter.linesOfFile}). */
export interface LinesOfFile {
  /** Whether an object or a list is written in the file: its own lines are then lines of the file. */
  written(node: object): boolean;
  /** Lines of keys code of the file set on an object written in another (`args.x = false` on what a helper built). */
  assigned(node: object): Readonly<Record<string, number>> | undefined;
}

/** Every object's lines taken as lines of the file: a program of one file. */
export const LINES_OF_ONE_FILE: LinesOfFile = {
  written: () => true,
  assigned: () => undefined,
};

/**
 * The one round of a loop, or invocation of a callback, over a collection
 * not known statically: it stands for any item of the collection, and for
 * the round on the item of another run that knows it to hold one.
 */
export const ANY_ITEM = '*';

/**
 * A round on an item not known statically of a collection known: what the
 * configuration put there (a default list spread into it) may be no item
 * or several in another run, so it is none of another run's rounds.
 */
const ITEM_NOT_KNOWN = '?';

/**
 * How each round over `items` is known in another run of the program (see
 * {@link ResourceCall.path}), whose collection may hold other items where
 * the configuration decided them (a key a condition adds, a list a default
 * is spread into): a known text, number or boolean by itself, an object's
 * entry (`Object.entries`) by its key, the nth alike by its count; an item
 * not known, or a list's entry (`entries()`) holding one, as
 * {@link ITEM_NOT_KNOWN}; anything else by its place, unless an item that
 * stands for items not known in number comes before it (see
 * {@link itemsNotKnown}).
 */
function itemsKnownBy(items: readonly JsValue[]): string[] {
  const seen = new Map<string, number>();
  let placesKnown = true;
  return items.map((item, index) => {
    const key = Array.isArray(item) ? item[0] : item;
    const entryOfList =
      Array.isArray(item) &&
      (typeof key === 'number' || key instanceof Unknown);
    if (isItemsNotKnown(item) || (entryOfList && isItemsNotKnown(item[1])))
      placesKnown = false;
    if (item instanceof Unknown || (entryOfList && item[1] instanceof Unknown))
      return ITEM_NOT_KNOWN;
    if (
      entryOfList ||
      (typeof key !== 'string' &&
        typeof key !== 'number' &&
        typeof key !== 'boolean')
    ) {
      return placesKnown ? `@${index}` : ITEM_NOT_KNOWN;
    }
    const known = `${Array.isArray(item) ? '[' : '='}${JSON.stringify(key)}`;
    const before = seen.get(known) ?? 0;
    seen.set(known, before + 1);
    return before === 0 ? known : `${known}~${before}`;
  });
}

const MAX_CALL_DEPTH = 24;
/** Expressions evaluated per program at most: loops in loops stop there, unknown. */
const MAX_STEPS = 500_000;
const MAX_LOOP_ITEMS = 50;
/** Statements a switch on a value not known runs from a clause that falls through to the next ones, at most. */
const MAX_FALL_THROUGH = 64;
/** Most items of a list a program builds that are kept: longer ones (doubled in a loop) are not known. */
const MAX_LIST_ITEMS = 100_000;
/** Array methods that run a callback on each item. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap']);
/** Global functions that convert a value to a number, text or boolean, modelled on values known (see convertScalar). */
const SCALAR_CONVERSIONS = new Set([
  'Number',
  'String',
  'Boolean',
  'parseInt',
  'parseFloat',
]);
/** The global classes the program's `new` and calls of are modelled (see MapValue), and their static functions modelled. */
const GLOBAL_CLASSES = new Set(['Array', 'Map', 'Set']);
const MODELLED_STATICS = new Set(['Array.from', 'Array.isArray']);

/** Whether a class the program extends is Array, Map or Set (see Instance.base). */
function isGlobalClass(value: JsValue): value is Builtin {
  return value instanceof Builtin && GLOBAL_CLASSES.has(value.name);
}

/** Functions of `Math` modelled on known numbers. */
const MATH_FUNCTIONS = new Set(['max', 'min', 'floor', 'ceil', 'round', 'abs']);

/** Array methods that search or fold a list, modelled on lists whose items are known in number (see searchList). */
const SEARCHING_METHODS = new Set([
  'filter',
  'find',
  'findIndex',
  'some',
  'every',
  'reduce',
  'includes',
  'indexOf',
  'slice',
]);
/** Of those, the methods that run a callback on each item. */
const SEARCHING_CALLBACK_METHODS = new Set([
  'filter',
  'find',
  'findIndex',
  'some',
  'every',
  'reduce',
]);
/** Methods of a text that test it for another text, modelled where both are known. */
const TEXT_TESTS = new Set(['startsWith', 'endsWith', 'includes']);
/** Array methods that change the array in place, modelled. */
const LIST_CHANGES = new Set(['push', 'unshift', 'pop', 'shift', 'reverse']);
/** Array methods that change the array in place in ways not modelled: after them its items are not known. */
const MUTATING_METHODS = new Set(['splice', 'sort', 'fill', 'copyWithin']);
/** Outputs and the promises invokes return: `x.apply(f)` and `x.then(f)` are `f(x)`. */
const CALLBACK_METHODS = new Set(['apply', 'then']);
const MODULE_EXTENSIONS = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.mjs',
  '.cjs',
  '/index.ts',
  '/index.js',
];
const REQUIRE_EXTENSIONS = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '/index.ts',
  '/index.js',
];

const unknown = (reason: string) => new Unknown(reason);

/**
 * A path of the scanned tree (`__dirname`, `path.join(__dirname, '../policies/read.json')`), relative to its
 * root: a file the program may read. What it is at run time (an absolute path) is not known: anywhere else, it
 * is a value not known.
 */
class PathInScan extends Unknown {
  constructor(readonly path: string) {
    super(`path of ${path || 'the scanned root'}`, true);
  }
}

/**
 * `aws.config.region` (`aws.config.requireRegion()`), the `aws:region` of the stack's configuration, where that is
 * known statically (see ProgramHost.defaultRegion): the program compares and looks up that region, and a resource's
 * argument that is it holds it; text built with it (an ARN) holds the stack's region there, as `AWS::Region`, which
 * the code does not hardcode.
 */
class ConfiguredRegion extends Unknown {
  constructor(readonly region: string) {
    super('AWS::Region');
  }
}

/** A value as the program compares it: the region of {@link ConfiguredRegion}, else itself. */
function compared(value: JsValue): JsValue {
  return value instanceof ConfiguredRegion ? value.region : value;
}

/**
 * The bytes of a file of the scan that the program reads without an encoding (`fs.readFileSync(path)`, a Buffer):
 * its text where it is read as text (`toString()`, `JSON.parse`); anywhere else, a value not known.
 */
class FileBytes extends Unknown {
  constructor(readonly text: string) {
    super('bytes of a file');
  }
}

/** The functions of Node.js that read a file of the scan, or make or give its path. */
const FILE_FUNCTIONS = new Set([
  'fs.readFileSync',
  'fs.promises.readFile',
  'path.join',
  'path.resolve',
  'path.dirname',
  'process.cwd',
]);

/** The Node.js modules whose functions reading a file of the scan the evaluator implements. */
const NODE_MODULES = new Map([
  ['fs', 'fs'],
  ['node:fs', 'fs'],
  ['fs/promises', 'fs.promises'],
  ['node:fs/promises', 'fs.promises'],
  ['path', 'path'],
  ['node:path', 'path'],
]);

/** The modules of {@link NODE_MODULES}, which a default import (`import fs from 'fs'`, esModuleInterop) gives. */
const NODE_NAMESPACES = new Set(NODE_MODULES.values());

/** The largest part of a path relative to the scanned root that stays in it: undefined for one that leaves it. */
function inScan(path: string): string | undefined {
  const normal = posix.normalize(path);
  if (normal === '.') return '';
  return posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')
    ? undefined
    : normal;
}

/** `JSON.parse(text)` of text known: its value, as a JSON module's (see jsonModule); not known where it is no JSON. */
function parsedText(text: string): JsValue {
  try {
    return JSON.parse(text);
  } catch {
    return unknown('JSON.parse of text that is not JSON');
  }
}

/** The items of a list that stand for items not known in number: none, one or several (see {@link itemsNotKnown}). */
const ITEMS_NOT_KNOWN = new WeakSet<object>();

/**
 * An item of a list that stands for items not known in number (a list not
 * known spread into it, what a change not modelled left): the places and
 * indexes after it are not known either.
 */
function itemsNotKnown(reason: string): Unknown {
  return markItemsNotKnown(unknown(reason));
}

/** Marks an item as standing for none or one or several (see {@link itemsNotKnown}): an object's entry that may not be there. */
function markItemsNotKnown<T extends object>(item: T): T {
  ITEMS_NOT_KNOWN.add(item);
  return item;
}

/** Whether the item stands for items not known in number (see {@link itemsNotKnown}). */
function isItemsNotKnown(item: JsValue): boolean {
  return typeof item === 'object' && item !== null && ITEMS_NOT_KNOWN.has(item);
}

/**
 * The items a loop or a callback of a list's method runs on: past the first {@link MAX_LOOP_ITEMS}, one stands for
 * the others (see {@link itemsNotKnown}), a round on which runs as in a loop not known statically.
 */
function loopItems(list: JsValue[]): JsValue[] {
  return list.length > MAX_LOOP_ITEMS
    ? [
        ...list.slice(0, MAX_LOOP_ITEMS),
        itemsNotKnown(`items after the first ${MAX_LOOP_ITEMS}`),
      ]
    : list;
}

/**
 * Marks a plain object that code not known statically may have changed (it
 * was handed to it, or given keys not known): what it holds is not known.
 */
const OPENED = Symbol('changed by code not known statically');

/** What is known of an object a spread not known statically went into (`{ ...options, handler }`). */
interface SpreadNotKnown {
  /** The keys written after the last such spread, which it cannot override. Its other keys may be any, with any value. */
  known: { [key: string]: JsValue };
  /** The keys written before it, which it may override or not: their values but for that. */
  writtenBefore: { [key: string]: JsValue };
  /**
   * All it holds: its values, and what the spreads add. No host reads the object, so code not read handed it is
   * handed these (see {@link valuesHandedOn}); code that is read, and a construct of props not known, are not.
   */
  held: JsValue[];
}

const SPREADS_NOT_KNOWN = new WeakMap<Unknown, SpreadNotKnown>();

/** The providers `new aws.Provider(…)` made, by whether their default tags may tag what they make. */
const PROVIDERS_MAY_TAG = new WeakMap<Unknown, boolean>();

/** The providers `new aws.Provider(…)` made given a region known statically (written out, or `aws.config.region`), by that region. */
const PROVIDER_REGIONS = new WeakMap<Unknown, string>();

/**
 * What the program made that may be a parent (resources, and components by their instance), by the region of the AWS
 * provider it hands its children (Pulumi's providers of a parent), undefined where not known.
 */
const REGIONS_HANDED_ON = new WeakMap<object, string | undefined>();

/**
 * The region of the AWS provider that a resource with these options uses, or that a component given them hands its
 * children, as Pulumi chooses it: the `provider` they name, else the AWS provider among their `providers` (a list,
 * keyed by each one's package, or a map as keyed: its `aws`), else the one their `parent` hands on, else the default
 * provider, in `defaultRegion`. Undefined where not known: a provider not made by `new aws.Provider` with a region
 * known statically, `providers` that may hold another AWS provider, a parent not known, options not known or that a
 * transformation may change.
 */
function regionOfProvider(
  options: JsValue,
  defaultRegion: string | undefined,
): string | undefined {
  if (options === undefined || options === null) return defaultRegion;
  if (
    !isPlainObject(options) ||
    isOpened(options) ||
    options.transformations !== undefined ||
    options.transforms !== undefined
  )
    return undefined;
  const { provider, providers, parent } = options;
  if (provider !== undefined)
    return provider instanceof Unknown
      ? PROVIDER_REGIONS.get(provider)
      : undefined;
  if (providers !== undefined) {
    let aws: JsValue;
    if (Array.isArray(providers)) {
      // Pulumi reads each one's package from the provider itself: one not known may be an AWS provider.
      if (
        providers.length > 1 ||
        providers.some(
          item => !(item instanceof Unknown && PROVIDERS_MAY_TAG.has(item)),
        )
      )
        return undefined;
      aws = providers[0];
    } else if (isPlainObject(providers) && !isOpened(providers))
      aws = providers.aws;
    else return undefined;
    if (aws !== undefined)
      return aws instanceof Unknown ? PROVIDER_REGIONS.get(aws) : undefined;
  }
  if (parent !== undefined) {
    // An instance of a class that extends a resource class is that resource.
    const made = resourceOf(parent) ?? parent;
    return typeof made === 'object' && made !== null
      ? REGIONS_HANDED_ON.get(made)
      : undefined;
  }
  return defaultRegion;
}

/**
 * How a provider's default tags may reach a resource, of its options (see {@link ResourceCall.defaultTags}); the
 * options of a transformation may set its provider.
 */
function providerTagsOf(options: JsValue): 'may' | 'parent' | undefined {
  if (options === undefined) return undefined;
  if (!isPlainObject(options) || isOpened(options)) return 'may';
  if (options.transformations !== undefined || options.transforms !== undefined)
    return 'may';
  for (const named of [options.provider, options.providers]) {
    if (named === undefined) continue;
    if (isOpened(named)) return 'may';
    let providers: JsValue[] = [named];
    if (Array.isArray(named)) providers = named;
    else if (isPlainObject(named)) providers = Object.values(named);
    if (
      providers.some(
        provider =>
          provider !== undefined &&
          !(
            provider instanceof Unknown &&
            PROVIDERS_MAY_TAG.get(provider) === false
          ),
      )
    )
      return 'may';
  }
  return options.parent === undefined ? undefined : 'parent';
}

/**
 * Whether a component (or a subscription's resources) made with these arguments may hand the resources it makes
 * providers with default tags: it is given such providers (`{ providers: [tagged] }`), or arguments not known.
 */
export function mayHandOnProviderTags(args: JsValue[]): boolean {
  return args.some(
    arg =>
      arg instanceof Unknown ||
      (isPlainObject(arg) &&
        (arg.provider !== undefined || arg.providers !== undefined) &&
        providerTagsOf(arg) === 'may'),
  );
}

/** An object a spread not known statically went into: not known, but for what `spread` knows of it. */
function keysNotKnown(spread: SpreadNotKnown): Unknown {
  const object = unknown('spread of an object not known statically');
  SPREADS_NOT_KNOWN.set(object, spread);
  return object;
}

/** Of an object a spread not known statically went into, the keys written after it, which it cannot override; none of any other value. */
export function keysAfterSpreads(value: JsValue): {
  readonly [key: string]: JsValue;
} {
  return (
    (value instanceof Unknown && SPREADS_NOT_KNOWN.get(value)?.known) || {}
  );
}

/** Marks objects handed to code not known statically, a few levels into lists and objects (and what an object beside a spread not known holds). */
function open(values: JsValue[], depth = 0) {
  for (const value of values) {
    if (depth > 2) return;
    if (Array.isArray(value)) open(value, depth + 1);
    else if (isPlainObject(value) && !isOpened(value)) {
      // Freezing is shallow: what a frozen object holds may still change.
      if (!isFrozen(value)) (value as Record<symbol, unknown>)[OPENED] = true;
      open(Object.values(value), depth + 1);
    } else if (value instanceof MapValue) {
      keysNoLongerKnown(value, true);
      open(mapValues(value), depth + 1);
    } else if (value instanceof Unknown)
      open(SPREADS_NOT_KNOWN.get(value)?.held ?? [], depth + 1);
  }
}

/**
 * What an object or list changed in ways not known statically may still
 * hold, beside what it is known to hold: a value set at a key not known
 * (`urls[name] = queue.url`), the items of a list changed in a way not
 * modelled (kept by the item that stands for them, see forgetItems). A
 * stack export of it may name those resources.
 */
const MAY_HOLD = new WeakMap<object, JsValue[]>();

/** The lists generators give (see Interpreter.callFunction): what they have not yet given, which `next()` takes. */
const GENERATED = new WeakSet<JsValue[]>();

/**
 * The objects and lists `Object.freeze` froze: a write to one changes nothing (it throws in strict code, as
 * TypeScript modules and ES modules are, and a `catch` goes on).
 */
const FROZEN = new WeakSet<object>();

function isFrozen(value: JsValue): boolean {
  return typeof value === 'object' && value !== null && FROZEN.has(value);
}

/** The values of a Map's entries. */
function entryValues(map: MapValue): JsValue[] {
  return [...map.entries.values()].map(([, value]) => value);
}

/** The values a Map holds: its entries', and those it may hold (see MapValue). */
function mapValues(map: MapValue): JsValue[] {
  return [...entryValues(map), ...(MAY_HOLD.get(map) ?? [])];
}

/** What a loop over a Map or a Set, or a spread of it, goes through: a Map's entries, a Set's values. */
function mapItems(map: MapValue): JsValue[] {
  const entries = mapEntries(map);
  return map.isSet
    ? entries.map(entry => (Array.isArray(entry) ? entry[1] : entry))
    : entries;
}

/** A Map's entries as `[key, value]` lists, for `entries()` and a loop over it; one stands for those not known. */
function mapEntries(map: MapValue): JsValue[] {
  const entries: JsValue[] = [...map.entries.values()].map(entry => [...entry]);
  if (map.keysNotKnown) {
    const rest = itemsNotKnown('entries of a Map not known statically');
    mayHold(rest, MAY_HOLD.get(map) ?? []);
    entries.push(rest);
  }
  return entries;
}

function mayHold(container: object, values: JsValue[]) {
  const held = MAY_HOLD.get(container);
  if (held) held.push(...values);
  else MAY_HOLD.set(container, [...values]);
}

function isOpened(value: JsValue): boolean {
  return (
    isPlainObject(value) && (value as Record<symbol, unknown>)[OPENED] === true
  );
}

/** A plain object whose keys are known: not changed by code not known statically. */
function isKnownObject(value: JsValue): value is { [key: string]: JsValue } {
  return isPlainObject(value) && !isOpened(value);
}

/** How a statement ended other than by running to its end: a `return` with its value, a `break` or a `continue`. */
type Completion =
  | { value: JsValue }
  | { jump: 'break' | 'continue'; label?: string }
  | undefined;

/** Whether a statement ended with a `return`. */
function isReturned(completion: Completion): completion is { value: JsValue } {
  return completion !== undefined && 'value' in completion;
}

/** The jumps a loop or a switch ends itself: its own `break` (and a loop's `continue`), unlabelled or with its label. */
interface OwnJumps {
  continues: boolean;
  label?: string;
}

/** Whether a switch clause's last statement leaves it (`break`, `return`, `continue`, `throw`): it falls through to none. */
function endsInJump(clause: TypeScript.CaseOrDefaultClause): boolean {
  const last = clause.statements[clause.statements.length - 1];
  return (
    last !== undefined &&
    (ts.isBreakStatement(last) ||
      ts.isReturnStatement(last) ||
      ts.isContinueStatement(last) ||
      ts.isThrowStatement(last))
  );
}

/** Whether a jump ends at this loop or switch (see {@link OwnJumps}). */
function endsHere(completion: Completion, own: OwnJumps): boolean {
  if (!completion || isReturned(completion)) return false;
  if (completion.label !== undefined && completion.label !== own.label)
    return false;
  return completion.jump === 'break' || own.continues;
}

/**
 * Whether a generator's call takes all the generator gives where it is written: a for-of the body of which does not
 * leave early, a spread, Array.from, a destructuring into a rest, or `yield*` (which takes as much as is taken of
 * the generator running it). Any other use (`next()`, a variable) may take only part of it.
 */
function isReadInFull(call: TypeScript.CallExpression): boolean {
  let node: TypeScript.Node = call;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isNonNullExpression(node.parent)
  )
    node = node.parent;
  const parent = node.parent;
  if (ts.isSpreadElement(parent)) return true;
  if (ts.isYieldExpression(parent)) return parent.asteriskToken !== undefined;
  if (ts.isForOfStatement(parent))
    return (
      parent.expression === node &&
      !parent.awaitModifier &&
      !leavesEarly(
        parent.statement,
        ts.isLabeledStatement(parent.parent)
          ? parent.parent.label.text
          : undefined,
      )
    );
  if (ts.isCallExpression(parent))
    return (
      parent.arguments[0] === node &&
      ts.isPropertyAccessExpression(parent.expression) &&
      parent.expression.getText() === 'Array.from'
    );
  const restTaken = (last: TypeScript.Node | undefined) =>
    last !== undefined &&
    ((ts.isBindingElement(last) && last.dotDotDotToken !== undefined) ||
      ts.isSpreadElement(last));
  if (ts.isVariableDeclaration(parent))
    return (
      parent.initializer === node &&
      ts.isArrayBindingPattern(parent.name) &&
      restTaken(parent.name.elements.at(-1))
    );
  if (ts.isBinaryExpression(parent))
    return (
      parent.right === node &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isArrayLiteralExpression(parent.left) &&
      restTaken(parent.left.elements.at(-1))
    );
  return false;
}

/**
 * Whether the body of a loop (labelled `label`) may leave it before its last round: a `return` or `throw` (a
 * caught one too), a `break` of it or of a loop around it, a `continue` of a loop around it. Those of functions
 * in it, and jumps within loops, switches or labels in it, do not.
 */
function leavesEarly(body: TypeScript.Statement, label?: string): boolean {
  const leaves = (
    node: TypeScript.Node,
    inInner: boolean,
    labels: ReadonlySet<string>,
  ): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
    if (ts.isBreakStatement(node))
      return node.label ? !labels.has(node.label.text) : !inInner;
    if (ts.isContinueStatement(node))
      return (
        node.label !== undefined &&
        node.label.text !== label &&
        !labels.has(node.label.text)
      );
    const inner =
      inInner ||
      ts.isIterationStatement(node, false) ||
      ts.isSwitchStatement(node);
    const within = ts.isLabeledStatement(node)
      ? new Set([...labels, node.label.text])
      : labels;
    return (
      ts.forEachChild(
        node,
        child => leaves(child, inner, within) || undefined,
      ) ?? false
    );
  };
  return leaves(body, false, new Set());
}

/** What a location holds when it holds nothing (a key not set): restoring it removes the key. */
const ABSENT = new Unknown('absent') as JsValue;

/** A location an alternative writes: what it held before and after, and how to read and write it (see Interpreter.alternatives). */
interface WriteEntry {
  before: JsValue;
  after?: JsValue;
  read(): JsValue;
  write(value: JsValue): void;
}
/** The locations an alternative writes, by container (a scope, an object, a map of fields) and key. */
type Writes = Map<object, Map<string, WriteEntry>>;

/** The operator each compound assignment applies (`+=` → `+`, `??=` → `??`), built once TypeScript is loaded. */
let compoundOperators:
  | Map<TypeScript.SyntaxKind, TypeScript.SyntaxKind>
  | undefined;

/** The operator a compound assignment applies; undefined for other operators. */
function compoundOperator(
  operator: TypeScript.SyntaxKind,
): TypeScript.SyntaxKind | undefined {
  const kinds = ts.SyntaxKind;
  compoundOperators ??= new Map([
    [kinds.PlusEqualsToken, kinds.PlusToken],
    [kinds.MinusEqualsToken, kinds.MinusToken],
    [kinds.AsteriskEqualsToken, kinds.AsteriskToken],
    [kinds.SlashEqualsToken, kinds.SlashToken],
    [kinds.PercentEqualsToken, kinds.PercentToken],
    [kinds.AsteriskAsteriskEqualsToken, kinds.AsteriskAsteriskToken],
    // Bitwise assignments are not evaluated: their targets become not known, not left as they were.
    [kinds.LessThanLessThanEqualsToken, kinds.LessThanLessThanToken],
    [
      kinds.GreaterThanGreaterThanEqualsToken,
      kinds.GreaterThanGreaterThanToken,
    ],
    [
      kinds.GreaterThanGreaterThanGreaterThanEqualsToken,
      kinds.GreaterThanGreaterThanGreaterThanToken,
    ],
    [kinds.AmpersandEqualsToken, kinds.AmpersandToken],
    [kinds.BarEqualsToken, kinds.BarToken],
    [kinds.CaretEqualsToken, kinds.CaretToken],
    [kinds.QuestionQuestionEqualsToken, kinds.QuestionQuestionToken],
    [kinds.BarBarEqualsToken, kinds.BarBarToken],
    [kinds.AmpersandAmpersandEqualsToken, kinds.AmpersandAmpersandToken],
  ]);
  return compoundOperators.get(operator);
}

/**
 * Whether two values are the same value: identical, the same resource
 * (handles are made per use), or lists, objects, references and texts that
 * hold the same (each read of an attribute makes a new reference).
 */
function sameValue(a: JsValue, b: JsValue, depth = 0): boolean {
  if (a === b) return true;
  if (
    depth > 4 ||
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  )
    return false;
  if (a instanceof ResourceHandle)
    return b instanceof ResourceHandle && a.id === b.id;
  if (a instanceof Ref)
    return (
      b instanceof Ref && a.target === b.target && a.attribute === b.attribute
    );
  if (a instanceof Template)
    return (
      b instanceof Template &&
      sameValue(a.parts as JsValue[], b.parts as JsValue[], depth + 1)
    );
  if (Array.isArray(a))
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index], depth + 1))
    );
  if (!isKnownObject(a) || !isKnownObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      key =>
        Object.prototype.hasOwnProperty.call(b, key) &&
        sameValue(a[key], b[key], depth + 1),
    )
  );
}

const isNullish = (value: JsValue): boolean =>
  value === undefined || value === null;

/** Whether `+` takes the value as a number when the other side is no text either. */
const addsAsNumber = (value: JsValue): boolean =>
  isNullish(value) || typeof value === 'number' || typeof value === 'boolean';

/**
 * What the program reads of a resource (Pulumi's `table.name`, CDK's `table.tableName`): an output, an object,
 * or a CDK token, a text never empty, whatever it resolves to when deployed; never undefined. What `apply`
 * hands its callback is what it resolves to, which may be (see {@link resolvedValue}).
 */
const ATTRIBUTE_VALUES = new WeakSet<Ref | Template>();

/** `value`, read of a resource (see {@link ATTRIBUTE_VALUES}). */
function attributeValue<T extends JsValue>(value: T): T {
  if (value instanceof Ref || value instanceof Template)
    ATTRIBUTE_VALUES.add(value);
  return value;
}

/** Whether a value is one read of a resource (see {@link ATTRIBUTE_VALUES}): it is truthy, and neither undefined nor null. */
function isAttributeValue(value: JsValue): boolean {
  return (
    (value instanceof Ref || value instanceof Template) &&
    ATTRIBUTE_VALUES.has(value)
  );
}

/**
 * What `apply` hands its callback for a value: the attributes of resources in it as what they resolve to, which
 * may be undefined or empty (`streamArn.apply(arn => arn ? … : …)`); the value itself when it holds none.
 */
function resolvedValue(value: JsValue, depth = 0): JsValue {
  if (isAttributeValue(value))
    return value instanceof Ref
      ? new Ref(value.target, value.attribute)
      : new Template((value as Template).parts);
  if (depth > 4) return value;
  if (Array.isArray(value)) {
    const items = value.map(item => resolvedValue(item, depth + 1));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(
    ([key, item]) => [key, resolvedValue(item, depth + 1)] as const,
  );
  return entries.every(([key, item]) => item === value[key])
    ? value
    : Object.fromEntries(entries);
}

/** A value known to be an object (not a value not known, which may be anything). */
function isObjectValue(value: JsValue): boolean {
  return (
    isPlainObject(value) ||
    Array.isArray(value) ||
    value instanceof Instance ||
    value instanceof ResourceHandle ||
    value instanceof FunctionValue ||
    value instanceof ClassValue ||
    value instanceof MapValue
  );
}

/**
 * Whether two values are the same object (`fn === api`), for a resource, an instance, a class or a function of the
 * program against a value known: a resource is the same whichever handle stands for it, a method the same whichever
 * instance it is read from; a text, a number or another kind of object is none of them. Undefined when not known.
 */
function sameObject(left: JsValue, right: JsValue): boolean | undefined {
  const hasIdentity = (value: JsValue) =>
    value instanceof ResourceHandle ||
    value instanceof Instance ||
    value instanceof ClassValue ||
    value instanceof FunctionValue ||
    value instanceof MapValue;
  if (!hasIdentity(left) && !hasIdentity(right)) return undefined;
  const other = hasIdentity(left) ? right : left;
  if (!hasIdentity(other))
    return isKnownScalar(other) || isPlainObject(other) || Array.isArray(other)
      ? false
      : undefined;
  const [leftResource, rightResource] = [resourceOf(left), resourceOf(right)];
  if (leftResource && rightResource)
    return leftResource.id === rightResource.id;
  if (left instanceof FunctionValue && right instanceof FunctionValue)
    return left.node === right.node && left.scope === right.scope;
  return left === right;
}

/** Whether a value is a function or arrow function of the program. */
export function isProgramFunction(value: JsValue): boolean {
  return value instanceof FunctionValue;
}

/**
 * The name a function of the program is declared under (`function handle`,
 * `const handle = async () => …`, a key `handle: …`, a field
 * `static handle = …`, `handle = …`); none for one written where it is passed.
 */
export function programFunctionName(value: JsValue): string | undefined {
  if (!(value instanceof FunctionValue)) return undefined;
  const { node } = value;
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (!parent) return undefined;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    ts.isIdentifier(parent.name)
  ) {
    return parent.name.text;
  }
  const assigned =
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ? parent.left
      : undefined;
  return assigned && ts.isIdentifier(assigned) ? assigned.text : undefined;
}

export function isPlainObject(
  value: JsValue,
): value is { [key: string]: JsValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** A call or `new` expression running (see withCallSite). */
interface RunningCall {
  file: string;
  line: number;
  /** Where the expression ends in its file: the calls of one chain (`a.f(x).g(y)`) start at one place, and end at others. */
  position: number;
  /** How many functions it has invoked so far (a callback, once per item), or resources it has declared (see declaredByCall). */
  invocations: number;
}

/** Walks the program's syntax trees. */
export class Interpreter {
  private readonly modules = new Map<string, Map<string, JsValue>>();
  /** The exports of the modules whose code runs, as bound so far: what a module that imports one of them back sees. */
  private readonly loading = new Map<string, Map<string, JsValue>>();
  private depth = 0;
  private steps = 0;
  private site: CallSite = { file: '', line: 1 };
  /** The calls running, outermost first: where code of another file was called from. */
  private readonly callSites: RunningCall[] = [];
  /** How the code running was reached, outermost first (see {@link ResourceCall.path}), with each step's way's number. */
  private readonly reachedBy: { step: WayStep; way: number }[] = [];
  /** Functions invoked outside any call expression (a default export run as the program). */
  private topInvocations = 0;
  /** The constructors that run, innermost last (see the `super(…)` call). */
  private readonly constructing: RunningConstructor[] = [];
  private file = '';
  private sourceFile!: TypeScript.SourceFile;
  /** What the alternative running writes (see alternatives); undefined outside alternatives. */
  private writes?: Writes;
  /** How many loops whose rounds are not known statically the code being run is in. */
  private loopsNotKnown = 0;
  /** The lists of what the generator functions running yield, innermost last (see callFunction). */
  private readonly yielded: JsValue[][] = [];
  /** Whether an alternative of the function running returned (see callFunction). */
  private returnedInAlternative = false;
  /**
   * How alternatives may have ended early (a return, a jump out of them):
   * what follows them may not run (see block), up to the loop or switch a
   * jump ends at (see absorbExits).
   */
  private exits: NonNullable<Completion>[] = [];
  /** What each class extends: a class of the program, one the host models (`cdk.Stack`), or nothing. */
  private readonly parents = new WeakMap<ClassValue, JsValue>();
  /** The file each object literal is written in: the lines of its keys are lines of that file. */
  private readonly literalFiles = new WeakMap<object, string>();

  constructor(
    private readonly host: ProgramHost,
    /** Shared with another run of the program to compare what the two declare (see {@link ResourceCall.way}). */
    private readonly ways = new WayNumbers(),
  ) {}

  /** Takes `step` further on the way the code running was reached (see {@link reachedBy}). */
  private reach(step: WayStep): void {
    this.reachedBy.push({
      step,
      way: this.ways.extend(this.reachedBy.at(-1)?.way ?? 0, step),
    });
  }

  /** Why part of the program was not read, other than its steps (see unreadRest). */
  private readInPart?: string;

  /**
   * Why the program was not read in full, when it was not: past the steps
   * it may take, every value is not known and nothing more is declared.
   */
  get unreadRest(): string | undefined {
    if (this.steps > MAX_STEPS)
      return `the program takes more than ${MAX_STEPS.toLocaleString(
        'en-US',
      )} steps to evaluate: what it declares after them is not read`;
    return this.readInPart;
  }

  /** Runs the program's main module; its exports are the stack's outputs. */
  runMain(path: string): void {
    let exports: Map<string, JsValue> | undefined;
    try {
      exports = this.loadModule(path);
    } catch (error) {
      // What a program builds may outgrow what JavaScript holds (a text or a list doubled in a loop):
      // the program is reported unreadable and the scan goes on. Running out of stack is the engine's to report.
      if (!(error instanceof RangeError) || isStackOverflow(error)) throw error;
      this.host.parseError(
        path,
        1,
        `the program could not be read: ${error.message}`,
      );
      return;
    }
    if (!exports) return;
    for (const [name, value] of exports) {
      if (name === 'default' && value instanceof FunctionValue) {
        // `export default async () => { ...; return { outputs } }`
        const returned = this.callFunction(value, []);
        if (isPlainObject(returned)) {
          for (const [key, item] of Object.entries(returned))
            this.host.output(
              key,
              item,
              path,
              lineOfNode(returned as object) ?? 1,
            );
        } else if (returned instanceof Unknown) {
          // Outputs not known statically (returned in a branch that may not run): they may export anything.
          this.host.output(
            'default',
            returned,
            path,
            this.exportLines.get(`${path}\u0000default`) ?? 1,
          );
        }
        continue;
      }
      const line = this.exportLines.get(`${path}\u0000${name}`) ?? 1;
      this.host.output(name, value, path, line);
    }
  }

  private readonly exportLines = new Map<string, number>();
  /** By path, the value a module makes itself (`module.exports = class …`, `export = Queue`): what require() gives. */
  private readonly moduleValues = new Map<string, JsValue>();

  private loadModule(path: string): Map<string, JsValue> | undefined {
    ts ??= createRequire(__filename)('typescript');
    // A cycle: the module's exports bound so far (its functions'); the others are not known yet.
    const existing = this.modules.get(path) ?? this.loading.get(path);
    if (existing) return existing;
    const text = this.host.readFile(path);
    if (text === undefined) return undefined;
    if (path.endsWith('.json')) return this.jsonModule(path, text);
    let kind = ts.ScriptKind.TS;
    if (/\.[cm]?jsx?$/.test(path)) kind = ts.ScriptKind.JS;
    else if (path.endsWith('.tsx')) kind = ts.ScriptKind.TSX;
    const exports = new Map<string, JsValue>();
    this.loading.set(path, exports);
    // A module's top level runs once, however the program first reached it: it is known by its file alone.
    const [previousFile, previousSource, reachedBefore] = [
      this.file,
      this.sourceFile,
      this.reachedBy.splice(0),
    ];
    const [depthBefore, constructingBefore] = [
      this.depth,
      this.constructing.length,
    ];
    try {
      const source = ts.createSourceFile(
        path,
        text,
        ts.ScriptTarget.Latest,
        true,
        kind,
      );
      const diagnostics =
        (
          source as unknown as {
            parseDiagnostics?: TypeScript.DiagnosticWithLocation[];
          }
        ).parseDiagnostics ?? [];
      for (const diagnostic of diagnostics.slice(0, 1)) {
        const line =
          source.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
        this.host.parseError(
          path,
          line,
          ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
        );
      }
      this.file = path;
      this.sourceFile = source;
      const scope = new Scope();
      scope.declare('exports', new Namespace('exports', exports));
      // As in an ES module, functions are declared and exported, and imports bound, before any of its code runs.
      this.hoist(source.statements, scope);
      exportFunctions(source.statements, scope, exports);
      for (const statement of source.statements.filter(ts.isImportDeclaration))
        this.importDeclaration(statement, scope);
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement))
          this.moduleStatement(statement, scope, exports);
      }
    } catch (error) {
      // The parser and the evaluator recurse: a program nested thousands deep ends here, not the scan.
      if (!isStackOverflow(error)) throw error;
      this.host.parseError(path, 1, 'the program nests too deeply to read');
    } finally {
      this.file = previousFile;
      this.sourceFile = previousSource;
      this.reachedBy.splice(0, this.reachedBy.length, ...reachedBefore);
      // A stack overflow leaves the calls it cut short.
      this.depth = depthBefore;
      this.constructing.length = constructingBefore;
      this.loading.delete(path);
    }
    this.modules.set(path, exports);
    return exports;
  }

  /**
   * `import settings from './settings.json'`: the value is the module's
   * default export, and its keys are its other exports, as TypeScript's
   * `resolveJsonModule` gives them (`require` gives the value itself). Text that is not JSON is a
   * module not known: the file is no IaC of the scan's to report on.
   */
  private jsonModule(
    path: string,
    text: string,
  ): Map<string, JsValue> | undefined {
    let value: JsValue;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    const exports = new Map<string, JsValue>();
    if (isPlainObject(value))
      for (const [key, item] of Object.entries(value)) exports.set(key, item);
    // The default import is the whole value, whatever keys it has (a `"default"` key is only a member of it).
    exports.set('default', value);
    this.modules.set(path, exports);
    return exports;
  }

  private lineOf(node: TypeScript.Node): number {
    return (
      this.sourceFile.getLineAndCharacterOfPosition(
        node.getStart(this.sourceFile),
      ).line + 1
    );
  }

  private lastLineOf(node: TypeScript.Node): number {
    return (
      this.sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1
    );
  }

  private moduleStatement(
    statement: TypeScript.Statement,
    scope: Scope,
    exports: Map<string, JsValue>,
  ) {
    const exported = isExported(statement);
    const isDefault = isDefaultExport(statement);
    if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      const specifier = statement.moduleReference.expression;
      if (ts.isStringLiteral(specifier))
        scope.declare(
          statement.name.text,
          this.requireModule(specifier.text, 'require'),
        );
      return;
    }
    if (ts.isExportAssignment(statement)) {
      const value = this.evaluate(statement.expression, scope);
      exports.set('default', value);
      if (statement.isExportEquals) this.moduleValues.set(this.file, value);
      this.exportLines.set(`${this.file}\u0000default`, this.lineOf(statement));
      return;
    }
    if (ts.isExportDeclaration(statement)) {
      const from =
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? this.requireModule(statement.moduleSpecifier.text, 'import')
          : undefined;
      const line = this.lineOf(statement);
      if (
        !statement.exportClause &&
        from instanceof Namespace &&
        from.exports
      ) {
        // `export * from './storage'`: its exports but `default`; the module's own exports win.
        for (const [name, value] of from.exports) {
          if (name === 'default' || exports.has(name)) continue;
          exports.set(name, value);
          this.exportLines.set(`${this.file}\u0000${name}`, line);
        }
      } else if (
        statement.exportClause &&
        ts.isNamespaceExport(statement.exportClause)
      ) {
        // `export * as storage from './storage'`
        exports.set(statement.exportClause.name.text, from);
        this.exportLines.set(
          `${this.file}\u0000${statement.exportClause.name.text}`,
          line,
        );
      } else if (statement.exportClause) {
        for (const element of statement.exportClause.elements) {
          const local = (element.propertyName ?? element.name).text;
          const value = from
            ? this.member(from, local)
            : scope.lookup(local).value;
          exports.set(element.name.text, value);
          this.exportLines.set(
            `${this.file}\u0000${element.name.text}`,
            this.lineOf(element),
          );
        }
      }
      return;
    }
    this.statement(statement, scope);
    if (!exported) return;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        for (const name of bindingNames(declaration.name)) {
          exports.set(name, scope.lookup(name).value);
          this.exportLines.set(
            `${this.file}\u0000${name}`,
            this.lineOf(declaration),
          );
        }
      }
    } else if (
      ts.isModuleDeclaration(statement) &&
      ts.isIdentifier(statement.name)
    ) {
      exports.set(statement.name.text, scope.lookup(statement.name.text).value);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement)) &&
      statement.name
    ) {
      exports.set(
        isDefault ? 'default' : statement.name.text,
        scope.lookup(statement.name.text).value,
      );
    } else if (ts.isClassDeclaration(statement) && isDefault) {
      // `export default class extends cdk.Stack {…}`: a class without a name, which only the default export holds.
      const cls = new ClassValue(statement, scope);
      this.defineStatics(cls);
      exports.set('default', cls);
    }
  }

  /** `import … from specifier`: binds what it imports (see loadModule: before the module's code runs). */
  private importDeclaration(
    statement: TypeScript.ImportDeclaration,
    scope: Scope,
  ) {
    if (!ts.isStringLiteral(statement.moduleSpecifier)) return;
    const module = this.requireModule(statement.moduleSpecifier.text, 'import');
    const clause = statement.importClause;
    if (!clause) return;
    // What a package exports does not change: a module of the program's is read when used (see bindImport).
    const bind = (name: string, exported: string) => {
      if (module instanceof Namespace && module.exports)
        scope.bindImport(name, () => this.member(module, exported));
      else scope.declare(name, this.member(module, exported));
    };
    if (clause.name) bind(clause.name.text, 'default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings))
      scope.declare(bindings.name.text, module);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements)
        bind(element.name.text, (element.propertyName ?? element.name).text);
    }
  }

  /**
   * What `import ... from specifier` (`how` = import) or `require(specifier)`
   * and `import x = require(specifier)` (`how` = require) give.
   */
  private requireModule(specifier: string, how: 'import' | 'require'): JsValue {
    const hosted = this.host.module?.(specifier);
    if (hosted !== undefined) return hosted;
    if (specifier === '@pulumi/aws') return new Namespace('aws');
    // `import { Queue } from '@pulumi/aws/sqs'`: a module of the package is its namespace.
    const awsModule = /^@pulumi\/aws\/(\w+)$/.exec(specifier);
    if (awsModule) return new Namespace(`aws.${awsModule[1]}`);
    if (specifier === '@pulumi/pulumi') return new Namespace('pulumi');
    const nodeModule = NODE_MODULES.get(specifier);
    if (nodeModule) return new Namespace(nodeModule);
    if (specifier.startsWith('.')) {
      for (const path of modulePaths(this.file, specifier, how)) {
        if (this.host.readFile(path) === undefined) continue;
        const exports = this.loadModule(path);
        if (!exports) return unknown(`module ${specifier}`);
        // require() gives a JSON file's value itself, in which `default` is only a key; an import, a module whose default is that value.
        if (how === 'require' && path.endsWith('.json'))
          return exports.get('default')!;
        if (how === 'require' && this.moduleValues.has(path))
          return this.moduleValues.get(path);
        return new Namespace(path, exports);
      }
    }
    return unknown(`module ${specifier}`);
  }

  /** Declares functions and classes before the statements run (as JavaScript hoists them). */
  private hoist(statements: readonly TypeScript.Statement[], scope: Scope) {
    for (const statement of statements) {
      if (
        ts.isFunctionDeclaration(statement) &&
        statement.name &&
        statement.body
      ) {
        scope.declare(statement.name.text, new FunctionValue(statement, scope));
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        scope.declare(statement.name.text, new ClassValue(statement, scope));
      }
    }
  }

  /** Runs statements; returns `{ value }` when a `return` ran. */
  private block(
    statements: readonly TypeScript.Statement[],
    scope: Scope,
  ): Completion {
    this.hoist(statements, scope);
    for (let index = 0; index < statements.length; index++) {
      const exitsBefore = this.exits.length;
      const completion = this.statement(statements[index], scope);
      if (completion) return completion;
      if (this.exits.length !== exitsBefore) {
        // A branch that may have run returned or jumped out: what follows may not run.
        const rest = statements.slice(index + 1);
        this.alternatives([
          () => this.mayEnd(this.block(rest, scope)),
          () => undefined,
        ]);
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * Runs alternatives of which a deployment runs one (the branches of a
   * condition not known statically; the body of a loop over a collection
   * not known, which runs or not), each from the state before them. After
   * them, what they all leave alike is kept and the rest is not known: a
   * variable one branch sets is known in that branch, not after it.
   */
  private alternatives<T>(branches: (() => T)[]): T[] {
    const outer = this.writes;
    const logs: Writes[] = [];
    const results = branches.map(run => {
      const log: Writes = new Map();
      this.writes = log;
      try {
        return run();
      } finally {
        this.writes = outer;
        for (const entries of log.values()) {
          for (const entry of entries.values()) {
            entry.after = entry.read();
            entry.write(entry.before);
          }
        }
        logs.push(log);
      }
    });
    const merged = new Map<object, Map<string, WriteEntry[]>>();
    for (const log of logs) {
      for (const [container, entries] of log) {
        const keys = merged.get(container) ?? new Map<string, WriteEntry[]>();
        merged.set(container, keys);
        for (const [key, entry] of entries)
          keys.set(key, [...(keys.get(key) ?? []), entry]);
      }
    }
    for (const [container, keys] of merged) {
      for (const [key, entries] of keys) {
        const { before, read, write } = entries[0];
        // A branch that did not write it leaves what was there before.
        const values = logs.map(log => {
          const entry = log.get(container)?.get(key);
          return entry ? entry.after : before;
        });
        this.recordWrite(container, key, read, write);
        write(
          values.every(value => sameValue(value, values[0]))
            ? values[0]
            : this.oneOf(values, 'set differently in code that may not run'),
        );
      }
    }
    return results;
  }

  /** A value that is one of `values`, which differ: as the host knows it, else not known (see {@link Host.oneOf}). */
  private oneOf(values: JsValue[], reason: string): JsValue {
    const known = this.host.oneOf?.(values);
    if (known !== undefined) return known;
    this.host.alternativesNotKnown?.(values);
    return unknown(reason);
  }

  /** `object[name] = value` on a plain object, noted when an alternative runs (see alternatives). */
  private setKey(
    object: { [key: string]: JsValue },
    name: string,
    value: JsValue,
  ) {
    const read = () =>
      Object.prototype.hasOwnProperty.call(object, name)
        ? object[name]
        : ABSENT;
    const write = (written: JsValue) =>
      written === ABSENT
        ? delete object[name]
        : setEntry(object, name, written);
    this.recordWrite(object, name, read, write);
    setEntry(object, name, value);
  }

  /** Whether an object or a list is written in `file` (a value not built by a literal counts as written there). */
  linesOfFile(file: string): LinesOfFile {
    return {
      written: node => (this.literalFiles.get(node) ?? file) === file,
      assigned: node => {
        const set = this.keyLinesSetElsewhere.get(node)?.get(file);
        return set && set.size > 0 ? Object.fromEntries(set) : undefined;
      },
    };
  }

  /** Lines of keys code of another file than an object's literal set on it, by that file (see setKeyLines). */
  private readonly keyLinesSetElsewhere = new WeakMap<
    object,
    Map<string, Map<string, number>>
  >();

  /**
   * Findings on keys the program set point where it set them, when that is
   * certain to run; `from` holds the lines, of `object` when not given. Set
   * by code of another file than the object's literal (a helper), they
   * point at the call in the object's file that led there: the other
   * file's lines are not its lines. For a resource of another file than
   * the object's, they point at that file's own line that led there: the
   * assignment (`const args = baseArgs(); args.x = false` in index.ts) or
   * the call that ran it.
   */
  private setKeyLines(
    object: object,
    lines: Record<string, number>,
    from = this.file,
  ) {
    const objectFile = this.literalFiles.get(object);
    const keys = Object.keys(lines);
    if (this.writes || objectFile === undefined || keys.length === 0) return;
    this.noteKeyLinesElsewhere(object, objectFile, keys, lines, from);
    if (objectFile === from) {
      recordAssignedKeyLines(object, lines);
      return;
    }
    const call = this.callSites.findLast(site => site.file === objectFile);
    if (call)
      recordAssignedKeyLines(
        object,
        Object.fromEntries(keys.map(key => [key, call.line])),
      );
  }

  /** For each file but the object's, the line there that led to setting `keys` (see setKeyLines); other files' lines of them are past. */
  private noteKeyLinesElsewhere(
    object: object,
    objectFile: string,
    keys: string[],
    lines: Record<string, number>,
    from: string,
  ) {
    // Each file's line on the way to the write: its last running call, and in `from` the write itself (undefined here).
    const leading = new Map<string, number | undefined>();
    for (const site of this.callSites)
      if (site.file !== objectFile) leading.set(site.file, site.line);
    if (from !== objectFile) leading.set(from, undefined);
    let byFile = this.keyLinesSetElsewhere.get(object);
    if (!byFile) {
      if (leading.size === 0) return;
      this.keyLinesSetElsewhere.set(object, (byFile = new Map()));
    }
    // Updated in place: a program may set thousands of keys of one object.
    for (const [file, set] of byFile) {
      if (!leading.has(file)) for (const key of keys) set.delete(key);
    }
    for (const [file, line] of leading) {
      let set = byFile.get(file);
      if (!set) byFile.set(file, (set = new Map()));
      for (const key of keys) set.set(key, line ?? lines[key]);
    }
  }

  /** `map.set(name, value)`, noted when an alternative runs (see alternatives). */
  private setEntryOf(map: Map<string, JsValue>, name: string, value: JsValue) {
    this.recordWrite(
      map,
      name,
      () => (map.has(name) ? map.get(name) : ABSENT),
      written =>
        written === ABSENT ? map.delete(name) : map.set(name, written),
    );
    map.set(name, value);
  }

  /**
   * Notes how an alternative ended: a return makes the function's result
   * not known (see callFunction), and a return or a jump that leaves
   * `own` (the loop or switch running it) makes what follows uncertain.
   */
  private mayEnd(completion: Completion, own?: OwnJumps) {
    if (!completion || (own && endsHere(completion, own))) return;
    if (isReturned(completion)) this.returnedInAlternative = true;
    this.exits.push(completion);
  }

  /**
   * After a loop, a switch or a labelled statement: the early ends its
   * alternatives may have had since `since` that end at it (its own break
   * or continue) leave what follows it certain to run.
   */
  private absorbExits(
    since: number,
    endsAtIt: (exit: NonNullable<Completion>) => boolean,
  ) {
    const leaving = this.exits.slice(since).filter(exit => !endsAtIt(exit));
    this.exits.length = since;
    this.exits.push(...leaving);
  }

  /** Notes a location the running alternative writes, with what it held before (see alternatives). */
  private recordWrite(
    container: object,
    key: string,
    read: () => JsValue,
    write: (value: JsValue) => void,
  ) {
    if (!this.writes) return;
    let entries = this.writes.get(container);
    if (!entries) {
      entries = new Map();
      this.writes.set(container, entries);
    }
    if (!entries.has(key)) entries.set(key, { before: read(), read, write });
  }

  /** Sets a class's static fields and runs its static blocks, as defining it does. */
  private defineStatics(cls: ClassValue) {
    this.parentOf(cls);
    // In a static field's initializer and a static block, `this` is the class (`static create = () => new this()`).
    const scope = new Scope(cls.scope, cls);
    for (const member of cls.node.members) {
      const name = memberName(member);
      if (
        ts.isPropertyDeclaration(member) &&
        member.initializer &&
        name !== undefined &&
        isStatic(member)
      ) {
        cls.statics.set(name, this.evaluate(member.initializer, scope, name));
      } else if (ts.isClassStaticBlockDeclaration(member))
        this.block(member.body.statements, new Scope(scope));
    }
  }

  private statement(
    statement: TypeScript.Statement,
    scope: Scope,
    label?: string,
  ): Completion {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const variable = ts.isIdentifier(declaration.name)
          ? declaration.name.text
          : undefined;
        const value = declaration.initializer
          ? this.evaluate(declaration.initializer, scope, variable)
          : undefined;
        this.bind(declaration.name, value, scope);
      }
    } else if (ts.isExpressionStatement(statement)) {
      this.evaluate(statement.expression, scope);
    } else if (ts.isReturnStatement(statement)) {
      return {
        value: statement.expression
          ? this.evaluate(statement.expression, scope)
          : undefined,
      };
    } else if (
      ts.isBreakStatement(statement) ||
      ts.isContinueStatement(statement)
    ) {
      return {
        jump: ts.isBreakStatement(statement) ? 'break' : 'continue',
        label: statement.label?.text,
      };
    } else if (ts.isLabeledStatement(statement)) {
      const own = statement.label.text;
      const exitsBefore = this.exits.length;
      const completion = this.statement(statement.statement, scope, own);
      // `break label` out of the labelled statement ends here, whether it ran or may have.
      const endsAtIt = (exit: NonNullable<Completion>) =>
        !isReturned(exit) && exit.label === own;
      this.absorbExits(exitsBefore, endsAtIt);
      return completion && endsAtIt(completion) ? undefined : completion;
    } else if (ts.isBlock(statement)) {
      return this.block(statement.statements, new Scope(scope));
    } else if (ts.isIfStatement(statement)) {
      const condition = truthiness(this.evaluate(statement.expression, scope));
      if (condition !== undefined) {
        const branch = condition
          ? statement.thenStatement
          : statement.elseStatement;
        return branch && this.statement(branch, new Scope(scope));
      }
      // A condition not known statically: either branch may run; a return in either is not followed.
      this.alternatives(
        [statement.thenStatement, statement.elseStatement].map(
          branch => () =>
            this.mayEnd(branch && this.statement(branch, new Scope(scope))),
        ),
      );
    } else if (
      ts.isForOfStatement(statement) ||
      ts.isForInStatement(statement)
    ) {
      const iterated = builtinOf(this.evaluate(statement.expression, scope));
      let items: JsValue[] | undefined;
      if (ts.isForOfStatement(statement) && Array.isArray(iterated))
        items = loopItems(iterated);
      if (ts.isForOfStatement(statement) && iterated instanceof MapValue)
        items = loopItems(mapItems(iterated));
      if (ts.isForInStatement(statement) && isPlainObject(iterated))
        // An object given keys not known has them too: one round stands for them.
        items = isOpened(iterated)
          ? [...Object.keys(iterated), itemsNotKnown('a key not known')]
          : Object.keys(iterated);
      // Each round is its own way to what the body declares (see itemsKnownBy).
      const rounds = items && itemsKnownBy(items);
      const runBody = (item: JsValue, round: string) => {
        const inner = new Scope(scope);
        const initializer = statement.initializer;
        if (ts.isVariableDeclarationList(initializer)) {
          for (const declaration of initializer.declarations)
            this.bind(declaration.name, item, inner);
        }
        this.reach({ file: this.file, position: statement.pos, round });
        const completion = this.inRound(item, () =>
          this.statement(statement.statement, inner),
        );
        this.reachedBy.pop();
        return completion;
      };
      const own: OwnJumps = { continues: true, label };
      const exitsBefore = this.exits.length;
      // A collection not known statically: the body runs once, on an item not known, and may not run at all.
      if (!items)
        this.alternatives([
          () =>
            this.mayEnd(
              this.inLoopNotKnown(() =>
                runBody(this.itemNotKnown(iterated), ANY_ITEM),
              ),
              own,
            ),
          () => undefined,
        ]);
      for (let index = 0; items && index < items.length; index++) {
        const roundExitsBefore = this.exits.length;
        const completion = runBody(items[index], rounds![index]);
        if (completion && !endsHere(completion, own)) return completion;
        if (
          completion &&
          !isReturned(completion) &&
          completion.jump === 'break'
        )
          break;
        // A continue that may have run ends only its round.
        this.absorbExits(
          roundExitsBefore,
          exit =>
            !isReturned(exit) &&
            exit.jump === 'continue' &&
            endsHere(exit, own),
        );
        if (this.exits.length !== roundExitsBefore) {
          // The loop may have ended in this round: the rounds after it may not run.
          const rest = items.slice(index + 1);
          this.alternatives([
            () =>
              rest.forEach((item, at) =>
                this.mayEnd(runBody(item, rounds![index + 1 + at]), own),
              ),
            () => undefined,
          ]);
          break;
        }
      }
      this.absorbExits(exitsBefore, exit => endsHere(exit, own));
    } else if (
      ts.isForStatement(statement) ||
      ts.isWhileStatement(statement) ||
      ts.isDoStatement(statement)
    ) {
      return this.countedLoop(statement, scope, label);
    } else if (ts.isTryStatement(statement)) {
      // The try block runs; the catch block may; the finally block always does, and its own ending wins.
      const completion = this.block(
        statement.tryBlock.statements,
        new Scope(scope),
      );
      const { catchClause, finallyBlock } = statement;
      if (catchClause) {
        this.alternatives([
          () => {
            const inner = new Scope(scope);
            if (catchClause.variableDeclaration)
              this.bind(
                catchClause.variableDeclaration.name,
                unknown('error'),
                inner,
              );
            this.mayEnd(this.block(catchClause.block.statements, inner));
          },
          () => undefined,
        ]);
      }
      const finalCompletion = finallyBlock
        ? this.block(finallyBlock.statements, new Scope(scope))
        : undefined;
      return finalCompletion ?? completion;
    } else if (ts.isClassDeclaration(statement)) {
      // Hoisted; its static fields are set where it is defined.
      const cls = statement.name && scope.lookup(statement.name.text).value;
      if (cls instanceof ClassValue) this.defineStatics(cls);
    } else if (ts.isSwitchStatement(statement)) {
      return this.switchStatement(statement, scope, label);
    } else if (ts.isModuleDeclaration(statement)) {
      this.namespaceDeclaration(statement, scope);
    }
    return undefined;
  }

  /**
   * `namespace WorkQueue { export function standard(…) {…} }`: its code runs where it is, in a scope of its own,
   * and what it exports are members of the class or namespace of that name it merges with (`WorkQueue.standard`),
   * or of the object it declares. `namespace A.B {…}` is `A` holding `B`. An ambient one (`declare namespace`,
   * `declare module 'x'`) has no code.
   */
  private namespaceDeclaration(
    node: TypeScript.ModuleDeclaration,
    scope: Scope,
  ) {
    if (
      !ts.isIdentifier(node.name) ||
      ts.getModifiers(node)?.some(m => m.kind === ts.SyntaxKind.DeclareKeyword)
    )
      return;
    const name = node.name.text;
    const merged = scope.lookup(name).value;
    const members: { [key: string]: JsValue } = {};
    let target: ClassValue | { [key: string]: JsValue } = members;
    if (merged instanceof ClassValue || isPlainObject(merged)) target = merged;
    // A function's own members are not modelled: it stays the function.
    else if (!(merged instanceof FunctionValue)) scope.declare(name, members);
    const inner = new Scope(scope);
    const { body } = node;
    let statements: readonly TypeScript.Statement[] = [];
    if (body && ts.isModuleBlock(body)) statements = body.statements;
    else if (body && ts.isModuleDeclaration(body)) statements = [body];
    this.block(statements, inner);
    for (const statement of statements) {
      if (!isExported(statement) && statement !== body) continue;
      const declared = (statement as TypeScript.DeclarationStatement).name;
      const names = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.flatMap(declaration =>
            bindingNames(declaration.name),
          )
        : [declared && ts.isIdentifier(declared) ? declared.text : undefined];
      for (const key of names) {
        if (key === undefined || !inner.lookup(key).found) continue;
        const value = inner.lookup(key).value;
        if (target instanceof ClassValue) target.statics.set(key, value);
        else target[key] = value;
      }
    }
  }

  /**
   * A `for`, `while` or `do` loop runs round by round while its condition is known statically (`for (let i = 0;
   * i < 3; i++)`, `while (n < names.length)`), each round its own way to what the body declares, with `let` loop
   * variables of its own, as JavaScript gives them; up to a `break` or a return. From a round whose condition is
   * not known, or after one that may have ended the loop, or after many, the body runs once more in a loop not
   * known, which may not run, with its loop variables not known.
   */
  private countedLoop(
    statement:
      | TypeScript.ForStatement
      | TypeScript.WhileStatement
      | TypeScript.DoStatement,
    scope: Scope,
    label?: string,
  ): Completion {
    const loopVariables: string[] = [];
    let variables = new Scope(scope);
    if (ts.isForStatement(statement) && statement.initializer) {
      const initializer = statement.initializer;
      if (ts.isVariableDeclarationList(initializer)) {
        for (const declaration of initializer.declarations) {
          loopVariables.push(...bindingNames(declaration.name));
          this.bind(
            declaration.name,
            declaration.initializer &&
              this.evaluate(declaration.initializer, variables),
            variables,
          );
        }
      } else this.evaluate(initializer, variables);
    }
    const condition = ts.isForStatement(statement)
      ? statement.condition
      : statement.expression;
    const own: OwnJumps = { continues: true, label };
    const exitsBefore = this.exits.length;
    let ended = false;
    for (let round = 0; round < MAX_LOOP_ITEMS && !ended; round++) {
      const goesOn =
        (ts.isDoStatement(statement) && round === 0) ||
        !condition ||
        truthiness(this.evaluate(condition, variables));
      if (goesOn === false) {
        this.absorbExits(exitsBefore, exit => endsHere(exit, own));
        return undefined;
      }
      if (goesOn === undefined) break;
      const roundExitsBefore = this.exits.length;
      this.reach({
        file: this.file,
        position: statement.pos,
        round: `@${round}`,
      });
      const completion = this.statement(
        statement.statement,
        new Scope(variables),
      );
      this.reachedBy.pop();
      if (completion && !endsHere(completion, own)) return completion;
      if (completion && !isReturned(completion) && completion.jump === 'break')
        ended = true;
      // A continue that may have run ends only its round.
      this.absorbExits(
        roundExitsBefore,
        exit =>
          !isReturned(exit) && exit.jump === 'continue' && endsHere(exit, own),
      );
      // The loop may have ended in this round: the rounds after it are not known.
      if (this.exits.length !== roundExitsBefore) break;
      if (ended) break;
      // Each round has its own `let` variables, the next starting from this one's values.
      const next = new Scope(scope);
      for (const name of loopVariables)
        next.declare(name, variables.lookup(name).value);
      variables = next;
      if (ts.isForStatement(statement) && statement.incrementor)
        this.evaluate(statement.incrementor, variables);
    }
    if (!ended) {
      for (const name of loopVariables)
        variables.declare(name, unknown('loop variable'));
      this.alternatives([
        () =>
          this.mayEnd(
            this.inLoopNotKnown(() =>
              this.statement(statement.statement, new Scope(variables)),
            ),
            own,
          ),
        () => undefined,
      ]);
    }
    this.absorbExits(exitsBefore, exit => endsHere(exit, own));
    return undefined;
  }

  /** Runs a round of a loop on `item`: on one that stands for items not known in number, as in a loop not known. */
  private inRound<T>(item: JsValue, body: () => T): T {
    return isItemsNotKnown(item) ? this.inLoopNotKnown(body) : body();
  }

  /** Runs the body of a loop whose rounds are not known statically (see {@link CallSite.inLoopNotKnown}). */
  private inLoopNotKnown<T>(body: () => T): T {
    this.loopsNotKnown++;
    try {
      return body();
    } finally {
      this.loopsNotKnown--;
    }
  }

  /**
   * A switch on a value known statically runs the clause it matches (or
   * `default`) and those it falls through to, up to a `break`; on one not
   * known, any clause may run, with those it falls through to, and a return
   * in one is not followed.
   */
  private switchStatement(
    statement: TypeScript.SwitchStatement,
    scope: Scope,
    label?: string,
  ): Completion {
    const own: OwnJumps = { continues: false, label };
    const exitsBefore = this.exits.length;
    const clauses = statement.caseBlock.clauses;
    // Functions and classes declared in any clause are the whole switch's, as in JavaScript.
    const declarations = clauses
      .flatMap(clause => clause.statements)
      .filter(
        inner =>
          ts.isFunctionDeclaration(inner) || ts.isClassDeclaration(inner),
      );
    const switchScope = () => {
      const inner = new Scope(scope);
      this.hoist(declarations, inner);
      return inner;
    };
    const subject = compared(this.evaluate(statement.expression, scope));
    const cases = clauses.map(clause =>
      ts.isCaseClause(clause)
        ? compared(this.evaluate(clause.expression, scope))
        : undefined,
    );
    if (
      isKnownScalar(subject) &&
      cases.every(
        (value, index) =>
          ts.isDefaultClause(clauses[index]) || isKnownScalar(value),
      )
    ) {
      let start = cases.findIndex(
        (value, index) => ts.isCaseClause(clauses[index]) && value === subject,
      );
      if (start < 0)
        start = clauses.findIndex(clause => ts.isDefaultClause(clause));
      if (start < 0) return undefined;
      // The clauses it falls through to run as one block (one scope, as in JavaScript): a break
      // that may have run in one makes the clauses after it uncertain too.
      const completion = this.block(
        clauses.slice(start).flatMap(clause => clause.statements),
        switchScope(),
      );
      this.absorbExits(exitsBefore, exit => endsHere(exit, own));
      // A break ends the switch; a return or a continue ends what encloses it too.
      return completion && !endsHere(completion, own) ? completion : undefined;
    }
    const runsNoClause = clauses.some(clause => ts.isDefaultClause(clause))
      ? []
      : [() => undefined];
    // Each clause that may match runs with those it falls through to: up to one that ends in a jump, and at
    // most MAX_FALL_THROUGH statements (a long chain run from each of its clauses would cost its square;
    // one cut there leaves the program read in part).
    const fromEachClause = clauses.map((clause, from) => {
      const statements = [...clause.statements];
      let to = from;
      for (; to < clauses.length - 1 && !endsInJump(clauses[to]); to++) {
        if (
          statements.length + clauses[to + 1].statements.length >
          MAX_FALL_THROUGH
        ) {
          this.readInPart ??= `a switch falls through more than ${MAX_FALL_THROUGH} statements from one of its clauses (line ${this.lineOf(
            clauses[to + 1],
          )}): the rest of that chain is not read`;
          break;
        }
        statements.push(...clauses[to + 1].statements);
      }
      return () => this.mayEnd(this.block(statements, switchScope()), own);
    });
    this.alternatives([...fromEachClause, ...runsNoClause]);
    this.absorbExits(exitsBefore, exit => endsHere(exit, own));
    return undefined;
  }

  /** Binds a name or a destructuring pattern. */
  private bind(name: TypeScript.BindingName, value: JsValue, scope: Scope) {
    if (ts.isIdentifier(name)) {
      scope.declare(name.text, value);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      // The keys the pattern names before its rest, which the rest leaves out; undefined once one is not known.
      let named: Set<string> | undefined = new Set();
      for (const element of name.elements) {
        if (element.dotDotDotToken) {
          const taken = named;
          this.bind(
            element.name,
            taken && isKnownObject(value)
              ? Object.fromEntries(
                  Object.entries(value).filter(([key]) => !taken.has(key)),
                )
              : unknown('rest of an object'),
            scope,
          );
          continue;
        }
        const keyNode = element.propertyName ?? element.name;
        const key =
          ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode)
            ? keyNode.text
            : undefined;
        named = key === undefined ? undefined : named?.add(key);
        let item: JsValue =
          key === undefined ? unknown('computed key') : this.member(value, key);
        if (item === undefined && element.initializer)
          item = this.evaluate(element.initializer, scope);
        this.bind(element.name, item, scope);
      }
      return;
    }
    name.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      let item: JsValue = Array.isArray(value)
        ? value[index]
        : this.member(value, String(index));
      if (item === undefined && element.initializer)
        item = this.evaluate(element.initializer, scope);
      // The rest of a list whose items before it are known in number: the items after them.
      const rest =
        Array.isArray(value) && !value.slice(0, index).some(isItemsNotKnown)
          ? value.slice(index)
          : unknown('rest of a list');
      this.bind(element.name, element.dotDotDotToken ? rest : item, scope);
    });
  }

  /** Evaluates an expression; `variable` names what it is assigned to (for resource ids). */
  evaluate(
    node: TypeScript.Expression,
    scope: Scope,
    variable?: string,
  ): JsValue {
    if (++this.steps > MAX_STEPS)
      return unknown('program too large to evaluate');
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isAwaitExpression(node)
    ) {
      return this.evaluate(node.expression, scope, variable);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    switch (node.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return true;
      case ts.SyntaxKind.FalseKeyword:
        return false;
      case ts.SyntaxKind.NullKeyword:
        return null;
      case ts.SyntaxKind.ThisKeyword:
        return scope.thisValue ?? unknown('this');
      default:
        break;
    }
    if (ts.isTemplateExpression(node)) {
      const parts: JsValue[] = [node.head.text];
      for (const span of node.templateSpans) {
        parts.push(this.evaluate(span.expression, scope), span.literal.text);
      }
      return this.joinTexts(parts);
    }
    if (ts.isIdentifier(node)) {
      if (node.text === 'undefined') return undefined;
      const found = scope.lookup(node.text);
      if (found.found) return found.value;
      if (node.text === 'JSON') return new Namespace('JSON');
      if (node.text === 'Object') return new Namespace('Object');
      if (node.text === 'Math') return new Namespace('Math');
      if (node.text === 'Map' || node.text === 'Set' || node.text === 'Array')
        return new Builtin(node.text);
      if (SCALAR_CONVERSIONS.has(node.text)) return new Builtin(node.text);
      if (node.text === 'require') return new Builtin('require');
      if (node.text === '__dirname') return new PathInScan(folderOf(this.file));
      if (node.text === '__filename') return new PathInScan(this.file);
      if (node.text === 'process') return new Namespace('process');
      return unknown(node.text);
    }
    if (ts.isObjectLiteralExpression(node))
      return this.objectLiteral(node, scope);
    if (ts.isArrayLiteralExpression(node)) {
      const list: JsValue[] = [];
      const items: number[] = [];
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.evaluate(element.expression, scope);
          // A list not known may add any items: the items written beside it are the list's all the same.
          const added = spreadItems(spread) ?? [
            itemsNotKnown('spread of a list not known statically'),
          ];
          if (list.length + added.length > MAX_LIST_ITEMS)
            return unknown('list too long');
          list.push(...added);
          items.push(...added.map(() => this.lineOf(element)));
        } else {
          list.push(this.evaluate(element, scope));
          items.push(this.lineOf(element));
        }
      }
      recordLines(list, this.lineOf(node), { items });
      this.literalFiles.set(list, this.file);
      return list;
    }
    if (ts.isPropertyAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.SuperKeyword)
        return this.superMember(node, scope);
      const object = this.evaluate(node.expression, scope);
      // `props?.team` of no props, and what follows it in the chain, is undefined.
      if ((object === undefined || object === null) && ts.isOptionalChain(node))
        return undefined;
      return this.member(object, node.name.text);
    }
    if (ts.isElementAccessExpression(node)) {
      const key = compared(this.evaluate(node.argumentExpression, scope));
      const target = this.evaluate(node.expression, scope);
      if (typeof key === 'number' && Array.isArray(target)) {
        // After an item that stands for items not known in number, the item at an index is not known.
        const first = target.findIndex(isItemsNotKnown);
        return first >= 0 && key > first
          ? unknown('item after items not known in number')
          : target[key];
      }
      return typeof key === 'string' || typeof key === 'number'
        ? this.member(target, String(key))
        : unknown('computed property');
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node))
      return new FunctionValue(node, scope, scope.thisValue);
    if (ts.isClassExpression(node)) {
      const cls = new ClassValue(node, scope);
      this.defineStatics(cls);
      return cls;
    }
    if (ts.isNewExpression(node))
      return this.newExpression(node, scope, variable);
    if (ts.isYieldExpression(node)) return this.yieldExpression(node, scope);
    if (ts.isCallExpression(node)) return this.callExpression(node, scope);
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = this.evaluate(node.tag, scope);
      if (tag instanceof Builtin && tag.name === 'pulumi.interpolate') {
        return ts.isNoSubstitutionTemplateLiteral(node.template)
          ? node.template.text
          : this.evaluate(node.template, scope);
      }
      return unknown('tagged template');
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, scope, variable);
    if (ts.isConditionalExpression(node)) {
      const condition = truthiness(this.evaluate(node.condition, scope));
      if (condition === true)
        return this.evaluate(node.whenTrue, scope, variable);
      if (condition === false)
        return this.evaluate(node.whenFalse, scope, variable);
      const [whenTrue, whenFalse] = this.alternatives(
        [node.whenTrue, node.whenFalse].map(
          branch => () => this.evaluate(branch, scope, variable),
        ),
      );
      return sameValue(whenTrue, whenFalse)
        ? whenTrue
        : this.oneOf([whenTrue, whenFalse], 'condition not known statically');
    }
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken ||
        node.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      // `n++`: the variable changes; what the expression gives is rarely read.
      const before = this.evaluate(node.operand, scope);
      const after =
        typeof before === 'number'
          ? before + (node.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1)
          : unknown('counter');
      this.assign(node.operand, after, scope);
      return ts.isPrefixUnaryExpression(node) ? after : before;
    }
    if (ts.isPrefixUnaryExpression(node)) {
      const operand = this.evaluate(node.operand, scope);
      if (node.operator === ts.SyntaxKind.ExclamationToken) {
        const truth = truthiness(operand);
        return truth === undefined
          ? unknown('condition not known statically')
          : !truth;
      }
      if (
        node.operator === ts.SyntaxKind.MinusToken &&
        typeof operand === 'number'
      )
        return -operand;
      return unknown('expression');
    }
    // `void main()`, as a linter asks a promise not awaited to be written: the call runs, its value is dropped.
    if (ts.isVoidExpression(node)) {
      this.evaluate(node.expression, scope);
      return undefined;
    }
    if (ts.isTypeOfExpression(node) || ts.isDeleteExpression(node))
      return unknown('expression');
    return unknown('expression not evaluated statically');
  }

  /**
   * Texts joined (a template, `pulumi.interpolate`, `pulumi.concat`). JSON
   * text with nothing around it but white space is that text still, read
   * as the document it is; any other part that is not text is not known.
   */
  private joinTexts(parts: JsValue[]): JsValue {
    const written = parts.filter(
      part => typeof part !== 'string' || !/^[ \t\n\r]*$/.test(part),
    );
    if (written.length === 1 && written[0] instanceof JsonText)
      return written[0];
    return concatWithinMaxSize(parts.map(part => this.stringPart(part)));
  }

  private stringPart(value: JsValue): Value {
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === undefined ||
      value === null
    )
      return String(value);
    if (
      value instanceof Ref ||
      value instanceof Unknown ||
      value instanceof Template
    )
      return value;
    if (value instanceof ResourceHandle) return new Ref(value.id);
    return unknown('non-string value in a string');
  }

  /** An item of a list as Array.join writes it: undefined and null as nothing. */
  private joinedPart(value: JsValue): Value {
    return isNullish(value) ? '' : this.stringPart(value);
  }

  private objectLiteral(
    node: TypeScript.ObjectLiteralExpression,
    scope: Scope,
  ): JsValue {
    let out: { [key: string]: JsValue } = {};
    let keys: Record<string, number> = {};
    // After a spread not known statically, which may set any key and those written before it: what the spreads
    // add and the values written before them, and of those the last written to each key.
    let notKnown: JsValue[] | undefined;
    let writtenBefore: { [key: string]: JsValue } = {};
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const alternatives = this.spreadAlternatives(
          property.expression,
          scope,
        ).map(spread => (addsNoKeys(spread) ? {} : spread));
        if (!alternatives.every(isKnownObject)) {
          // An object itself of a spread not known (`{ ...options }` of `options = { ...rest, handler }`) brings the
          // keys known after that spread, and those before it.
          const spread =
            alternatives.length === 1 && alternatives[0] instanceof Unknown
              ? SPREADS_NOT_KNOWN.get(alternatives[0])
              : undefined;
          notKnown = [
            ...(notKnown ?? []),
            ...Object.values(out),
            ...(spread?.held ?? alternatives),
          ];
          writtenBefore = {
            ...writtenBefore,
            ...out,
            ...spread?.writtenBefore,
          };
          out = { ...spread?.known };
          keys = {};
          continue;
        }
        const [first] = alternatives;
        // The spread object's own line only when it is written in this file: another file's lines are not this one's.
        const line =
          (alternatives.length === 1 &&
            this.linesOfFile(this.file).written(first) &&
            lineOfNode(first)) ||
          this.lineOf(property);
        for (const key of new Set(
          alternatives.flatMap(spread => Object.keys(spread)),
        )) {
          // A key the alternatives do not all set alike may be set or not, to either value.
          const alike = alternatives.every(
            spread =>
              Object.prototype.hasOwnProperty.call(spread, key) &&
              spread[key] === first[key],
          );
          setEntry(
            out,
            key,
            alike
              ? first[key]
              : unknown('set under a condition not known statically'),
          );
          setEntry(keys, key, line);
        }
        continue;
      }
      const name = property.name && this.propertyName(property.name, scope);
      if (name === undefined) return unknown('computed property name');
      if (ts.isPropertyAssignment(property))
        setEntry(out, name, this.evaluate(property.initializer, scope, name));
      else if (ts.isShorthandPropertyAssignment(property))
        setEntry(out, name, this.evaluate(property.name, scope));
      else if (ts.isMethodDeclaration(property))
        setEntry(out, name, new FunctionValue(property, scope));
      // A getter's key holds what it returns, read as the object is made (`{ get encryption() { return … } }` of props).
      else if (ts.isGetAccessorDeclaration(property))
        setEntry(
          out,
          name,
          this.callFunction(new FunctionValue(property, scope), []),
        );
      else continue;
      setEntry(keys, name, this.lineOf(property));
    }
    if (notKnown)
      return keysNotKnown({
        known: out,
        writtenBefore,
        held: [...notKnown, ...Object.values(out)],
      });
    recordLines(out, this.lineOf(node), { keys });
    this.literalFiles.set(out, this.file);
    return out;
  }

  /**
   * What a spread may add: `...(cond ? { a } : {})` or `...(cond && { a })`
   * on a condition not known statically adds one branch's keys or the other's.
   */
  private spreadAlternatives(
    node: TypeScript.Expression,
    scope: Scope,
  ): JsValue[] {
    if (ts.isParenthesizedExpression(node))
      return this.spreadAlternatives(node.expression, scope);
    if (ts.isConditionalExpression(node)) {
      const condition = truthiness(this.evaluate(node.condition, scope));
      if (condition !== undefined)
        return this.spreadAlternatives(
          condition ? node.whenTrue : node.whenFalse,
          scope,
        );
      return this.alternatives(
        [node.whenTrue, node.whenFalse].map(
          branch => () => this.spreadAlternatives(branch, scope),
        ),
      ).flat();
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      const left = this.evaluate(node.left, scope);
      const truth = truthiness(left);
      if (truth === false) return [left];
      const right = this.spreadAlternatives(node.right, scope);
      return truth ? right : [undefined, ...right];
    }
    return [this.evaluate(node, scope)];
  }

  private propertyName(
    name: TypeScript.PropertyName,
    scope: Scope,
  ): string | undefined {
    if (
      ts.isIdentifier(name) ||
      ts.isStringLiteral(name) ||
      ts.isNumericLiteral(name) ||
      ts.isPrivateIdentifier(name)
    )
      return name.text;
    if (ts.isComputedPropertyName(name)) {
      const key = this.evaluate(name.expression, scope);
      return typeof key === 'string' || typeof key === 'number'
        ? String(key)
        : undefined;
    }
    return undefined;
  }

  private binary(
    node: TypeScript.BinaryExpression,
    scope: Scope,
    variable?: string,
  ): JsValue {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) {
      const value = this.evaluate(node.right, scope, assignedName(node.left));
      this.assign(node.left, value, scope);
      return value;
    }
    const compound = compoundOperator(operator);
    if (compound !== undefined)
      return this.compoundAssignment(node, compound, scope);
    const left = this.evaluate(node.left, scope, variable);
    // The right side of a condition not known statically may run or not (`ro || actions.push(...)`).
    const mayRunRight = () =>
      this.alternatives([
        () => this.evaluate(node.right, scope, variable),
        () => undefined,
      ]);
    if (
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    ) {
      const useRight =
        operator === ts.SyntaxKind.BarBarToken
          ? truthiness(left) === false
          : left === undefined || left === null;
      const keepLeft =
        operator === ts.SyntaxKind.BarBarToken
          ? truthiness(left) === true
          : isKnownNotNullish(left);
      if (useRight && !(left instanceof Unknown))
        return this.evaluate(node.right, scope, variable);
      if (keepLeft) return left;
      const [right] = mayRunRight();
      this.host.alternativesNotKnown?.([left, right]);
      // e.g. `config.get('x') || 'dev'`: the configured value
      return left instanceof Unknown
        ? left
        : unknown('condition not known statically');
    }
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      const truth = truthiness(left);
      if (truth === false) return left;
      if (truth === true) return this.evaluate(node.right, scope, variable);
      const [right] = mayRunRight();
      this.host.alternativesNotKnown?.([left, right]);
      return unknown('condition not known statically');
    }
    return this.combine(operator, left, this.evaluate(node.right, scope));
  }

  /**
   * `x ??= v`, `x ||= v`, `x &&= v` assign when the condition holds (and
   * may, when it is not known); `x += v` and the like assign what the
   * operator gives.
   */
  private compoundAssignment(
    node: TypeScript.BinaryExpression,
    operator: TypeScript.SyntaxKind,
    scope: Scope,
  ): JsValue {
    const current = this.evaluate(node.left, scope);
    const assignRight = (value: JsValue) => {
      this.assign(node.left, value, scope);
      return value;
    };
    if (
      operator !== ts.SyntaxKind.QuestionQuestionToken &&
      operator !== ts.SyntaxKind.BarBarToken &&
      operator !== ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      return assignRight(
        this.combine(operator, current, this.evaluate(node.right, scope)),
      );
    }
    let assigns: boolean | undefined;
    if (operator === ts.SyntaxKind.QuestionQuestionToken)
      assigns =
        current instanceof Unknown && !isKnownNotNullish(current)
          ? undefined
          : !isKnownNotNullish(current);
    else {
      const truth = truthiness(current);
      assigns =
        truth === undefined
          ? undefined
          : (operator === ts.SyntaxKind.BarBarToken) !== truth;
    }
    if (assigns === false) return current;
    const right = () =>
      assignRight(this.evaluate(node.right, scope, assignedName(node.left)));
    if (assigns) return right();
    this.alternatives([right, () => undefined]);
    return this.evaluate(node.left, scope);
  }

  /** What a binary operator gives on two values, when known statically. */
  private combine(
    operator: TypeScript.SyntaxKind,
    first: JsValue,
    second: JsValue,
  ): JsValue {
    if (operator === ts.SyntaxKind.PlusToken) {
      if (typeof first === 'number' && typeof second === 'number')
        return first + second;
      // Without a text on either side, + adds numbers: `undefined + 1` is NaN, `null + 1` is 1.
      if (addsAsNumber(first) && addsAsNumber(second))
        return unknown('arithmetic on values not numbers');
      return concatWithinMaxSize([
        this.stringPart(first),
        this.stringPart(second),
      ]);
    }
    const left = compared(first);
    const right = compared(second);
    if (typeof left === 'number' && typeof right === 'number') {
      switch (operator) {
        case ts.SyntaxKind.AsteriskToken:
          return left * right;
        case ts.SyntaxKind.MinusToken:
          return left - right;
        case ts.SyntaxKind.SlashToken:
          return left / right;
        case ts.SyntaxKind.PercentToken:
          return left % right;
        case ts.SyntaxKind.AsteriskAsteriskToken:
          return left ** right;
        default:
          break;
      }
    }
    // Both numbers or both texts: JavaScript compares them without converting either.
    if (
      (typeof left === 'number' && typeof right === 'number') ||
      (typeof left === 'string' && typeof right === 'string')
    ) {
      switch (operator) {
        case ts.SyntaxKind.LessThanToken:
          return left < right;
        case ts.SyntaxKind.LessThanEqualsToken:
          return left <= right;
        case ts.SyntaxKind.GreaterThanToken:
          return left > right;
        case ts.SyntaxKind.GreaterThanEqualsToken:
          return left >= right;
        default:
          break;
      }
    }
    if (isKnownScalar(left) && isKnownScalar(right)) {
      switch (operator) {
        case ts.SyntaxKind.EqualsEqualsEqualsToken:
          return left === right;
        case ts.SyntaxKind.EqualsEqualsToken:
          return looselyEqual(left, right);
        case ts.SyntaxKind.ExclamationEqualsEqualsToken:
          return left !== right;
        case ts.SyntaxKind.ExclamationEqualsToken:
          return !looselyEqual(left, right);
        default:
          break;
      }
    }
    // Undefined and null are loosely equal; an object, a list, a resource or an attribute of one is neither (`props === undefined` for given props).
    const isSet = (value: JsValue) =>
      isObjectValue(value) || isAttributeValue(value);
    const bothNullish = isNullish(left) && isNullish(right);
    if (
      bothNullish ||
      (isNullish(left) ? isSet(right) : isNullish(right) && isSet(left))
    ) {
      switch (operator) {
        case ts.SyntaxKind.EqualsEqualsEqualsToken:
          return left === right;
        case ts.SyntaxKind.EqualsEqualsToken:
          return bothNullish;
        case ts.SyntaxKind.ExclamationEqualsEqualsToken:
          return left !== right;
        case ts.SyntaxKind.ExclamationEqualsToken:
          return !bothNullish;
        default:
          break;
      }
    }
    const same = sameObject(left, right);
    // Loosely, two objects are equal as strictly; an object against a text or a number is converted to a primitive first.
    const loose = isObjectValue(left) && isObjectValue(right);
    if (same !== undefined) {
      switch (operator) {
        case ts.SyntaxKind.EqualsEqualsEqualsToken:
          return same;
        case ts.SyntaxKind.ExclamationEqualsEqualsToken:
          return !same;
        case ts.SyntaxKind.EqualsEqualsToken:
          if (loose) return same;
          break;
        case ts.SyntaxKind.ExclamationEqualsToken:
          if (loose) return !same;
          break;
        default:
          break;
      }
    }
    return unknown('expression not evaluated statically');
  }

  private assign(target: TypeScript.Expression, value: JsValue, scope: Scope) {
    if (ts.isParenthesizedExpression(target)) {
      this.assign(target.expression, value, scope);
      return;
    }
    if (
      ts.isBinaryExpression(target) &&
      target.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      // A target with a default (`[a = 1] = list`): the default stands for a value left undefined.
      this.assign(
        target.left,
        value === undefined ? this.evaluate(target.right, scope) : value,
        scope,
      );
      return;
    }
    if (ts.isArrayLiteralExpression(target)) {
      // `[a, b] = list`
      target.elements.forEach((element, index) => {
        if (ts.isOmittedExpression(element)) return;
        if (ts.isSpreadElement(element))
          this.assign(element.expression, unknown('rest of a list'), scope);
        else
          this.assign(
            element,
            Array.isArray(value)
              ? value[index]
              : this.member(value, String(index)),
            scope,
          );
      });
      return;
    }
    if (ts.isObjectLiteralExpression(target)) {
      // `({ a, b: c } = object)`
      for (const property of target.properties) {
        if (ts.isShorthandPropertyAssignment(property)) {
          const item = this.member(value, property.name.text);
          const fallback = property.objectAssignmentInitializer;
          this.assign(
            property.name,
            item === undefined && fallback
              ? this.evaluate(fallback, scope)
              : item,
            scope,
          );
        } else if (ts.isPropertyAssignment(property)) {
          const key = this.propertyName(property.name, scope);
          this.assign(
            property.initializer,
            key === undefined
              ? unknown('computed key')
              : this.member(value, key),
            scope,
          );
        } else if (ts.isSpreadAssignment(property))
          this.assign(property.expression, unknown('rest of an object'), scope);
      }
      return;
    }
    if (ts.isIdentifier(target)) {
      const owner = scope.owner(target.text);
      const name = target.text;
      this.recordWrite(
        owner,
        name,
        () => owner.ownValue(name),
        written => owner.declare(name, written),
      );
      owner.declare(name, value);
      return;
    }
    if (ts.isPropertyAccessExpression(target)) {
      this.setMember(
        this.evaluate(target.expression, scope),
        target.name.text,
        value,
        target,
        scope,
      );
    } else if (ts.isElementAccessExpression(target)) {
      const object = this.evaluate(target.expression, scope);
      const key = this.evaluate(target.argumentExpression, scope);
      if (typeof key === 'string' || typeof key === 'number')
        this.setMember(object, String(key), value, target, scope);
      else if (isFrozen(object)) return;
      // Any key may be set: what the object holds is no longer known.
      else if (Array.isArray(object))
        forgetItems(object, 'an item set at an index not known statically', [
          value,
        ]);
      else if (isPlainObject(object)) {
        open([object]);
        mayHold(object, [value]);
      }
    }
  }

  /** `object.name = value` or `object[name] = value`. */
  private setMember(
    object: JsValue,
    name: string,
    value: JsValue,
    target:
      | TypeScript.PropertyAccessExpression
      | TypeScript.ElementAccessExpression,
    scope: Scope,
  ) {
    if (isFrozen(object)) return;
    if (object instanceof Instance) {
      this.setEntryOf(object.fields, name, value);
      // One its classes do not declare is the resource's it is (`this.kmsMasterKeyId = …` in a class extending CfnQueue).
      if (object.resource && !this.declaresField(object.cls, name)) {
        this.host.setMember?.(object.resource, name, value, {
          file: this.file,
          line: this.lineOf(target),
          mayNotRun: this.writes !== undefined,
        });
      }
    } else if (object instanceof ClassValue)
      this.setEntryOf(object.statics, name, value);
    else if (object instanceof Namespace && object.exports) {
      this.setEntryOf(object.exports, name, value);
      this.exportLines.set(`${this.file}\u0000${name}`, this.lineOf(target));
    } else if (Array.isArray(object)) {
      const index = /^\d+$/.test(name) ? Number(name) : undefined;
      if (index !== undefined && index <= object.length && !this.writes)
        object[index] = value;
      else if (index !== undefined || name === 'length')
        forgetItems(
          object,
          `a list whose ${
            name === 'length' ? 'length' : 'items'
          } the program changes`,
          [value],
        );
    } else if (isPlainObject(object)) {
      this.setKey(object, name, value);
      this.setKeyLines(object, { [name]: this.lineOf(target) });
    } else if (
      object instanceof ResourceHandle ||
      object instanceof HostObject
    ) {
      this.host.setMember?.(object, name, value, {
        file: this.file,
        line: this.lineOf(target),
        mayNotRun: this.writes !== undefined,
      });
    } else if (
      ts.isIdentifier(target.expression) &&
      target.expression.text === 'module' &&
      name === 'exports'
    ) {
      const exports = scope.lookup('exports').value;
      if (exports instanceof Namespace && exports.exports) {
        if (isPlainObject(value)) {
          for (const [key, item] of Object.entries(value))
            exports.exports.set(key, item);
        } else {
          // A class or a function: require() gives it, and an import of the module's default (esModuleInterop) too.
          exports.exports.set('default', value);
          this.exportLines.set(
            `${this.file}\u0000default`,
            this.lineOf(target),
          );
          this.moduleValues.set(this.file, value);
        }
      }
    }
  }

  /** An item of a collection not known statically, as the host may know it (see {@link ProgramHost.itemOfUnknown}). */
  private itemNotKnown(collection: JsValue): JsValue {
    return (
      (collection instanceof Unknown
        ? this.host.itemOfUnknown?.(collection)
        : undefined) ?? unknown('item of a collection not known statically')
    );
  }

  /** `object.name`. */
  member(object: JsValue, name: string): JsValue {
    if (
      object instanceof ResourceHandle &&
      this.host.memberNotSet?.(object, name)
    )
      return undefined;
    if (object instanceof ResourceHandle || object instanceof HostObject) {
      const hosted = this.host.member?.(object, name);
      if (hosted !== undefined)
        return object instanceof ResourceHandle &&
          !this.host.attributeMayBeUnset?.(object, name)
          ? attributeValue(hosted)
          : hosted;
      if (object instanceof HostObject)
        return unknown(`${name} of a ${object.kind}`);
    }
    if (object instanceof ResourceHandle)
      return this.resourceAttribute(object, name);
    if (object instanceof FileBytes && name === 'toString')
      return new Builtin('bytes.toString', object);
    if (object instanceof Instance) {
      if (object.fields.has(name)) return object.fields.get(name);
      const member = this.classMember(object.cls, name, object);
      if (member) return member.value;
      if (object.inherited.has(name)) return object.inherited.get(name);
      if (object.base) return this.member(object.base, name);
      if (!object.resource) return unknown(`${name} of a component`);
      // A field the program's class declares and has not set is undefined, or the resource's of that name: not known to be set.
      const attribute = this.member(object.resource, name);
      return this.declaresField(object.cls, name)
        ? resolvedValue(attribute)
        : attribute;
    }
    if (object instanceof ClassValue)
      return (
        this.classMember(object, name)?.value ?? unknown(`${name} of a class`)
      );
    if (object instanceof Namespace) return this.namespaceMember(object, name);
    // Of the members of Array, Map and Set, those modelled; the others are code not known, as before.
    if (
      object instanceof Builtin &&
      GLOBAL_CLASSES.has(object.name) &&
      !MODELLED_STATICS.has(`${object.name}.${name}`)
    )
      return unknown(`${object.name}.${name}`);
    if (object instanceof Builtin)
      return new Builtin(`${object.name}.${name}`, object.self);
    if (object instanceof MapValue) {
      if (name !== 'size') return new Builtin(`map.${name}`, object);
      return object.keysNotKnown
        ? unknown('size of a Map not known statically')
        : object.entries.size;
    }
    if (Array.isArray(object)) {
      if (name === 'length')
        return object.some(isItemsNotKnown)
          ? unknown('length of a list with items not known in number')
          : object.length;
      if (name === 'apply') return new Builtin('output.apply', object);
      return new Builtin(`array.${name}`, object);
    }
    if (typeof object === 'string') {
      if (name === 'length') return object.length;
      // `pulumi.output('name').apply(...)`
      if (name === 'apply') return new Builtin('output.apply', object);
      return (
        this.host.memberOfText?.(object, name) ??
        new Builtin(`string.${name}`, object)
      );
    }
    if (isPlainObject(object)) {
      if (isOpened(object))
        return unknown(`${name} of an object code not known may have changed`);
      if (Object.prototype.hasOwnProperty.call(object, name))
        return object[name];
      return CALLBACK_METHODS.has(name)
        ? new Builtin('output.apply', object)
        : undefined;
    }
    // A function's apply is Function.prototype.apply, not an output's.
    if (object instanceof FunctionValue)
      return name === 'call' || name === 'apply' || name === 'bind'
        ? new Builtin(`function.${name}`, object)
        : unknown(name);
    if (CALLBACK_METHODS.has(name)) return new Builtin('output.apply', object);
    if (object instanceof Unknown) {
      const spread = SPREADS_NOT_KNOWN.get(object);
      if (spread && Object.prototype.hasOwnProperty.call(spread.known, name))
        return spread.known[name];
      // Written before a spread not known: that value, unless the spread sets it.
      if (
        spread &&
        Object.prototype.hasOwnProperty.call(spread.writtenBefore, name)
      ) {
        return this.oneOf(
          [
            spread.writtenBefore[name],
            unknown('set by a spread not known statically'),
          ],
          'set by a spread not known statically or before it',
        );
      }
      return this.host.memberOfUnknown?.(object, name) ?? object;
    }
    const ofToken =
      object instanceof Ref || object instanceof Template
        ? this.host.memberOfToken?.(object, name)
        : undefined;
    return ofToken ?? unknown(`${name} of a value not known statically`);
  }

  /**
   * A member of a class or of a class it extends: a method of `self`, or
   * without it a static field or method, whose `this` is `cls` (a static
   * factory's `new this(…)` makes one of the class it is called on), or
   * what a getter returns; undefined when there is none.
   */
  private classMember(
    cls: ClassValue,
    name: string,
    self?: Instance,
  ): { value: JsValue } | undefined {
    for (
      let current: ClassValue | undefined = cls, depth = 0;
      current && depth < MAX_CALL_DEPTH;
      current = this.superClass(current), depth++
    ) {
      if (!self && current.statics.has(name))
        return { value: current.statics.get(name) };
      const member = ownMethod(current, name, !self);
      if (!member) continue;
      const fn = new FunctionValue(member, current.scope, self ?? cls);
      return {
        value: ts.isGetAccessorDeclaration(member)
          ? this.callFunction(fn, [])
          : fn,
      };
    }
    return undefined;
  }

  /** Whether a class of the program, or one it extends, declares the instance field `name` (`readonly dlq?: Queue`). */
  private declaresField(cls: ClassValue, name: string): boolean {
    for (
      let current: ClassValue | undefined = cls, depth = 0;
      current && depth < MAX_CALL_DEPTH;
      current = this.superClass(current), depth++
    ) {
      for (const member of current.node.members)
        if (
          ts.isPropertyDeclaration(member) &&
          !isStatic(member) &&
          memberName(member) === name
        )
          return true;
    }
    return false;
  }

  /**
   * `super.name` in a method of a class: the member of the class that class
   * extends (not of the instance's own class, which may extend it), for the
   * instance the method runs on.
   */
  private superMember(
    node: TypeScript.PropertyAccessExpression,
    scope: Scope,
  ): JsValue {
    const name = node.name.text;
    const self = scope.instance;
    const home = ts.findAncestor(node, ts.isClassLike);
    let cls = self?.cls;
    for (
      let depth = 0;
      cls && cls.node !== home && depth < MAX_CALL_DEPTH;
      depth++
    )
      cls = this.superClass(cls);
    const parent = cls?.node === home ? this.parentOf(cls!) : undefined;
    const declared =
      parent instanceof ClassValue
        ? this.classMember(parent, name, self)
        : undefined;
    if (declared) return declared.value;
    // One the program's classes do not declare is of the class they extend last: the list, Map or Set of one
    // extending Array, Map or Set (an overriding `push` calling `super.push`), the resource's, a Pulumi or a CDK
    // one (see hostSuper).
    if (self?.base) return this.member(self.base, name);
    return self?.resource
      ? this.member(self.resource, name)
      : unknown(`super.${name}`);
  }

  private resourceAttribute(resource: ResourceHandle, name: string): JsValue {
    if (name === 'apply') return new Builtin('output.apply', resource);
    if (name === 'urn') return unknown('urn');
    const value = this.onAttribute(resource, name);
    return this.host.attributeMayBeUnset?.(resource, name)
      ? value
      : attributeValue(value);
  }

  /** Set by the adapter: `resource.attribute` as a reference. */
  onAttribute: (resource: ResourceHandle, name: string) => Value = (
    resource,
    name,
  ) => new Ref(resource.id, name);

  private namespaceMember(namespace: Namespace, name: string): JsValue {
    // A JSON module's named exports are its value's keys as they are now: require() gives that value, which code may change.
    const json =
      namespace.path.endsWith('.json') && name !== 'default'
        ? namespace.exports?.get('default')
        : undefined;
    if (isPlainObject(json))
      return Object.prototype.hasOwnProperty.call(json, name)
        ? json[name]
        : unknown(`${name} of ${namespace.path}`);
    if (namespace.exports)
      return namespace.exports.has(name)
        ? namespace.exports.get(name)
        : unknown(`${name} of ${namespace.path}`);
    const path = `${namespace.path}.${name}`;
    const hosted = this.host.namespaceMember?.(path);
    if (hosted !== undefined) return hosted;
    switch (path) {
      case 'pulumi.interpolate':
      case 'pulumi.concat':
      case 'pulumi.all':
      case 'pulumi.output':
      case 'pulumi.secret':
      case 'pulumi.Config':
      case 'pulumi.ComponentResource':
      case 'pulumi.Output':
      case 'pulumi.Output.create':
      case 'pulumi.getStack':
      case 'pulumi.getProject':
      case 'pulumi.jsonStringify':
      case 'pulumi.jsonParse':
      case 'JSON.stringify':
      case 'JSON.parse':
      case 'Object.assign':
      case 'Object.freeze':
      case 'Object.entries':
      case 'Object.fromEntries':
      case 'Object.keys':
      case 'Object.values':
        return new Builtin(path);
      case 'aws.config':
        return {
          region: this.configuredRegion(),
          requireRegion: new Builtin('aws.config.requireRegion'),
        };
      default:
        break;
    }
    if (namespace.path === 'Math')
      return MATH_FUNCTIONS.has(name) ? new Builtin(path) : unknown(path);
    if (namespace.path === 'aws.lambda.Runtime') return lambdaRuntime(name);
    if (namespace.path === 'aws.iam.ManagedPolicy')
      return managedPolicyArn(policyNameOfKey(name));
    if (namespace.path === 'aws.iam.ManagedPolicies')
      return managedPolicyArn(name);
    // `import fs from 'fs'` (esModuleInterop): the module itself.
    if (name === 'default' && NODE_NAMESPACES.has(namespace.path))
      return namespace;
    if (path === 'fs.promises') return new Namespace(path);
    if (FILE_FUNCTIONS.has(path)) return new Builtin(path);
    const segments = path.split('.');
    if (segments[0] === 'aws' && segments.length <= 3)
      return new Namespace(path);
    return unknown(path);
  }

  private newExpression(
    node: TypeScript.NewExpression,
    scope: Scope,
    variable?: string,
  ): JsValue {
    const constructor = this.evaluate(node.expression, scope);
    const args = node.arguments ?? [];
    if (
      constructor instanceof Namespace &&
      constructor.path.startsWith('aws.')
    ) {
      const pulumiType = constructor.path.slice('aws.'.length);
      if (pulumiType === 'Provider') {
        const options = args[1] ? this.evaluate(args[1], scope) : undefined;
        const mayTag =
          options !== undefined &&
          (!isPlainObject(options) ||
            isOpened(options) ||
            options.defaultTags !== undefined);
        if (mayTag) this.host.defaultTags();
        const provider = unknown('provider');
        PROVIDERS_MAY_TAG.set(provider, mayTag);
        const region =
          isPlainObject(options) && !isOpened(options)
            ? compared(options.region)
            : undefined;
        if (typeof region === 'string') PROVIDER_REGIONS.set(provider, region);
        return provider;
      }
      return this.declareResource(pulumiType, args, scope, node, variable);
    }
    // The namespace goes with its methods (see builtin).
    if (constructor instanceof Builtin && constructor.name === 'pulumi.Config')
      return new Builtin(
        'config',
        args[0] ? this.evaluate(args[0], scope) : undefined,
      );
    const values = this.callArguments(node, scope);
    if (
      constructor instanceof Builtin &&
      (constructor.name === 'Map' || constructor.name === 'Set')
    )
      return this.newMap(values[0], constructor.name === 'Set');
    if (constructor instanceof Namespace && this.host.construct) {
      const constructed = this.host.construct(constructor.path, values, {
        file: this.file,
        line: this.lineOf(node),
        variable,
        mayNotRun: this.writes !== undefined,
        idText: args[1]?.getText(this.sourceFile),
        inLoopNotKnown: this.loopsNotKnown > 0,
      });
      if (constructed !== undefined) return constructed;
    }
    if (constructor instanceof ClassValue) {
      // Its id and loop, for a construct its class's super makes with them (see ProgramHost.hostSuper).
      const site = {
        ...this.siteOf(node),
        idText: args[1]?.getText(this.sourceFile),
        inLoopNotKnown: this.loopsNotKnown > 0,
      };
      return this.withCallSite(node, () =>
        this.instantiate(constructor, values, site, variable),
      );
    }
    if (isHostMethod(constructor)) {
      this.site = this.siteOf(node);
      return this.withCallSite(node, () => this.builtin(constructor, values));
    }
    // A plain function called with `new` (`function WorkQueue(scope) { this.queue = … }`) sets the fields of a new
    // object, which `new` gives unless the function returns an object (or what may be one). An arrow function is no
    // constructor. What one given members through its prototype (not modelled) makes may read and change anything.
    if (
      constructor instanceof FunctionValue &&
      !ts.isArrowFunction(constructor.node) &&
      !constructor.bound
    ) {
      const made: { [key: string]: JsValue } = {};
      const returned = this.withCallSite(node, () =>
        this.callFunction(
          new FunctionValue(constructor.node, constructor.scope, made),
          values,
        ),
      );
      if (returned instanceof Unknown) return returned;
      if (isObjectValue(returned)) return returned;
      if (hasPrototypeMembers(constructor.node)) open([made]);
      return made;
    }
    // Other packages' components (awsx, ...): what they create is not known statically.
    this.host.unknownCall?.(values, constructor);
    open(values);
    return unknown(`new ${node.expression.getText(this.sourceFile)}`);
  }

  /**
   * The list, Map or Set `super(…args)` makes in a class extending Array, Map or Set (see Instance.base): a list
   * of its arguments, or of n undefined items for one number n, as `new Array(…)` makes; a Map or Set as `new` makes.
   */
  private builtinBase(parent: Builtin, args: JsValue[]): MapValue | JsValue[] {
    if (parent.name !== 'Array')
      return this.newMap(args[0], parent.name === 'Set');
    const [length] = args;
    if (args.length !== 1 || typeof length !== 'number') return [...args];
    return Number.isInteger(length) && length >= 0 && length <= MAX_LIST_ITEMS
      ? new Array<JsValue>(length).fill(undefined)
      : [itemsNotKnown('items of a list of a length not known')];
  }

  /** `new Map(entries)` of a list of `[key, value]` lists, `new Set(values)`, either of another, or of none. */
  private newMap(given: JsValue, isSet: boolean): MapValue {
    const map = new MapValue(isSet);
    const iterable = builtinOf(given);
    if (iterable === undefined || iterable === null) return map;
    const items = iterable instanceof MapValue ? mapItems(iterable) : iterable;
    if (!Array.isArray(items)) {
      map.keysNotKnown = true;
      mayHold(map, heldNotKnown(items) ?? [items]);
      return map;
    }
    for (const item of items) {
      if (isSet) this.setMapEntry(map, item, item);
      else
        this.setMapEntry(
          map,
          Array.isArray(item) ? item[0] : unknown('key of an entry'),
          Array.isArray(item) ? item[1] : item,
        );
    }
    return map;
  }

  /** `map.set(key, value)`, noted when an alternative runs (see alternatives); a key not known may be any. */
  private setMapEntry(map: MapValue, key: JsValue, value: JsValue) {
    const known = mapKey(key);
    if (known === undefined || isItemsNotKnown(key)) {
      // A Set's entries stay as they are: only a Map's values may be replaced.
      if (map.isSet) map.keysNotKnown = true;
      else keysNoLongerKnown(map, false);
      mayHold(map, [value]);
      return;
    }
    // Set where it surely runs, the entry is what it is set to.
    if (!this.writes) {
      map.mayBeReplaced.delete(known);
      map.mayBeRemoved.delete(known);
    }
    const { entries } = map;
    this.recordWrite(
      entries,
      known,
      () => (entries.has(known) ? entries.get(known)![1] : ABSENT),
      written =>
        written === ABSENT
          ? entries.delete(known)
          : entries.set(known, [key, written]),
    );
    entries.set(known, [key, value]);
  }

  /** A method of a Map or a Set the program makes (see MapValue). */
  private mapMethod(map: MapValue, method: string, args: JsValue[]): JsValue {
    const [first, second] = args;
    const known = mapKey(first);
    switch (method) {
      case 'set':
      case 'add':
        // A Map's set(key, value), a Set's add(value); the other is none of theirs.
        if ((method === 'add') !== map.isSet) break;
        this.setMapEntry(map, first, map.isSet ? first : second);
        return map;
      case 'get':
      case 'has': {
        const entry = known === undefined ? undefined : map.entries.get(known);
        const removed = entry && map.mayBeRemoved.has(known!);
        const replaced = removed || (entry && map.mayBeReplaced.has(known!));
        if (entry && !(method === 'get' ? replaced : removed))
          return method === 'get' ? entry[1] : true;
        if (known !== undefined && !map.keysNotKnown)
          return method === 'get' ? undefined : false;
        const notKnown = unknown(`${method} of a Map not known statically`);
        if (method === 'get') mayHold(notKnown, mapValues(map));
        return notKnown;
      }
      case 'delete':
        // The entries it may not have deleted are among those it may hold (which it holds already: not again, or
        // each delete would double them).
        if (known === undefined || this.writes) {
          mayHold(map, entryValues(map));
          keysNoLongerKnown(map, true);
          if (known !== undefined) map.entries.delete(known);
          return unknown('delete of a Map');
        }
        return map.entries.delete(known);
      case 'clear':
        if (this.writes) {
          mayHold(map, entryValues(map));
          keysNoLongerKnown(map, true);
        } else {
          // Surely run, it leaves none: neither those of keys not known.
          map.keysNotKnown = false;
          MAY_HOLD.delete(map);
          map.mayBeReplaced.clear();
          map.mayBeRemoved.clear();
        }
        map.entries.clear();
        return undefined;
      case 'keys':
      case 'values':
        return mapEntries(map).map(entry =>
          Array.isArray(entry) ? entry[method === 'keys' ? 0 : 1] : entry,
        );
      case 'entries':
        return mapEntries(map);
      case 'forEach':
        if (first instanceof FunctionValue)
          for (const entry of mapEntries(map))
            this.inRound(entry, () =>
              this.callFunction(
                first,
                Array.isArray(entry)
                  ? [entry[1], entry[0], map]
                  : [entry, unknown('key'), map],
              ),
            );
        // A callback not known statically (`forEach(alarm.bind(this))`) is handed each value.
        else if (first instanceof Unknown)
          this.host.unknownCall?.(
            [first, ...mapValues(map)],
            new Builtin('map.forEach', map),
          );
        return undefined;
      default:
        break;
    }
    this.host.unknownCall?.(args, new Builtin(`map.${method}`, map));
    open([map]);
    return unknown(`${method} of a Map`);
  }

  /**
   * `new aws.<pulumiType>(name, args)` at `node`, or a subclass's
   * `super(name, args)` there, for the host to create; `variable`: the one
   * the resource (the instance) is assigned to.
   */
  private declareResource(
    pulumiType: string,
    [name, args, options]: readonly TypeScript.Expression[],
    scope: Scope,
    node: TypeScript.Node,
    variable: string | undefined,
  ): ResourceHandle {
    const nameValue = name ? this.evaluate(name, scope) : undefined;
    return this.declareResourceOf(
      pulumiType,
      nameValue,
      name ? name.getText(this.sourceFile) : pulumiType,
      args ? this.evaluate(args, scope) : {},
      options && this.evaluate(options, scope),
      node,
      variable,
    );
  }

  /** {@link declareResource} with its arguments evaluated: `nameText` is the name as the program writes it. */
  private declareResourceOf(
    pulumiType: string,
    name: JsValue,
    nameText: string,
    args: JsValue,
    options: JsValue,
    node: TypeScript.Node,
    variable: string | undefined,
  ): ResourceHandle {
    const step = { file: this.file, position: node.end };
    const defaultTags = providerTagsOf(options);
    // Its children may take a provider not known.
    if (defaultTags === 'may') this.host.defaultTags();
    const providerRegion = this.host.transformsStack
      ? undefined
      : regionOfProvider(options, this.host.defaultRegion);
    const resource = this.host.createResource({
      pulumiType,
      name,
      nameText,
      variable,
      args,
      file: this.file,
      line: this.lineOf(node),
      lastLine: this.lastLineOf(node),
      mayNotRun: this.writes !== undefined,
      inLoopNotKnown: this.loopsNotKnown > 0,
      path: [...this.reachedBy.map(reached => reached.step), step],
      way: this.ways.extend(this.reachedBy.at(-1)?.way ?? 0, step),
      linesHere: this.linesOfFile(this.file),
      defaultTags,
      providerRegion,
    });
    // Its children of the AWS package take its provider.
    REGIONS_HANDED_ON.set(resource, providerRegion);
    return resource;
  }

  private instantiate(
    cls: ClassValue,
    args: JsValue[],
    site: CallSite,
    variable?: string,
  ): JsValue {
    const instance = new Instance(cls, variable);
    if (mayHandOnProviderTags(args)) this.host.defaultTags();
    this.host.instance?.(instance, args, site);
    this.construct(cls, instance, args, site);
    return instance;
  }

  /**
   * Runs `cls`'s constructor for `instance`, called at `site` (a `new`, or a
   * subclass's `super(…)`). Its instance's fields are set as JavaScript sets
   * them: those the constructor's parameters declare (`private readonly x`),
   * then the field initializers (`queue = new aws.sqs.Queue(…)`), before the
   * constructor's body in a class that extends none, and as its `super(…)`
   * returns in one that does, so that they read what the parent set.
   */
  private construct(
    cls: ClassValue,
    instance: Instance,
    args: JsValue[],
    site: CallSite,
  ) {
    if (this.depth >= MAX_CALL_DEPTH) return;
    this.depth++;
    this.reach(this.invocation());
    const [previousFile, previousSource] = [this.file, this.sourceFile];
    this.file = cls.node.getSourceFile().fileName;
    this.sourceFile = cls.node.getSourceFile();
    const scope = new Scope(cls.scope, instance);
    const parameterFields = new Map<string, JsValue>();
    const frame: RunningConstructor = {
      cls,
      initializeFields: () => {
        frame.initializeFields = undefined;
        for (const [name, value] of parameterFields)
          instance.fields.set(name, value);
        // Field initializers see the class's scope and `this`, not the constructor's parameters.
        const fieldScope = new Scope(cls.scope, instance);
        for (const member of cls.node.members) {
          const name = memberName(member);
          if (
            ts.isPropertyDeclaration(member) &&
            member.initializer &&
            name !== undefined &&
            !isStatic(member)
          ) {
            instance.fields.set(
              name,
              this.evaluate(member.initializer, fieldScope, name),
            );
          }
        }
      },
    };
    this.constructing.push(frame);
    const heritage = extendsClause(cls);
    const constructor = cls.node.members.find(ts.isConstructorDeclaration);
    if (constructor?.body) {
      constructor.parameters.forEach((parameter, index) => {
        // A rest parameter (`constructor(...names)`) is the list of the arguments from its place on.
        let value = parameter.dotDotDotToken ? args.slice(index) : args[index];
        if (value === undefined && parameter.initializer)
          value = this.evaluate(parameter.initializer, scope);
        this.bind(parameter.name, value, scope);
        // `constructor(private readonly x: X)` declares a field.
        if (
          ts.isIdentifier(parameter.name) &&
          ts.getModifiers(parameter)?.length
        )
          parameterFields.set(parameter.name.text, value);
      });
      if (!heritage) frame.initializeFields?.();
      // A return in a constructor ends it, not the function that calls `new`.
      const [outerReturns, outerExits] = [
        this.returnedInAlternative,
        this.exits.length,
      ];
      this.returnedInAlternative = false;
      this.block(constructor.body.statements, scope);
      this.returnedInAlternative = outerReturns;
      this.exits.length = outerExits;
    } else {
      const parent = this.parentOf(cls);
      if (parent instanceof ClassValue)
        this.construct(parent, instance, args, site);
      else if (isGlobalClass(parent))
        instance.base = this.builtinBase(parent, args);
      // With no constructor, the class calls its parent's at its `extends`, with the arguments (the name) it is given at `site`.
      else if (isHostMethod(parent) && heritage) {
        this.constructHostClass(parent, instance, args, heritage, {
          ...site,
          file: this.file,
          line: this.lineOf(heritage),
          mayNotRun: this.writes !== undefined,
        });
      } else if (isResourceClass(parent) && heritage) {
        const pulumiType = parent.path.slice('aws.'.length);
        instance.resource = this.declareResourceOf(
          pulumiType,
          args[0],
          site.nameText ?? pulumiType,
          args.length > 1 ? args[1] : {},
          args[2],
          heritage,
          instance.variable,
        );
      } else if (isComponentResource(parent)) {
        REGIONS_HANDED_ON.set(
          instance,
          regionOfProvider(
            args.slice(0, 4).some(isItemsNotKnown)
              ? unknown('options of a spread')
              : args[3],
            this.host.defaultRegion,
          ),
        );
      } else if (parent !== undefined && heritage) {
        this.host.hostSuper?.(instance, parent, () => args, {
          ...site,
          file: this.file,
          line: this.lineOf(heritage),
          mayNotRun: this.writes !== undefined,
          variable: instance.variable,
        });
      }
    }
    // A class with no constructor sets them once its parent's returns; one whose `super(…)` did not run (in code not
    // read), at its end: what they declare is declared all the same.
    frame.initializeFields?.();
    this.file = previousFile;
    this.sourceFile = previousSource;
    this.constructing.pop();
    this.reachedBy.pop();
    this.depth--;
  }

  /**
   * Which invocation of a function the one starting is (see
   * {@link ResourceCall.path}): the running call's next, or for a callback
   * over a collection, the item it runs on (see {@link itemsKnownBy}).
   */
  private invocation(item?: string): WayStep {
    const call = this.callSites.at(-1);
    const [file, position] = call ? [call.file, call.position] : ['', -1];
    if (item !== undefined) return { file, position, round: item };
    return {
      file,
      position,
      invocation: call ? call.invocations++ : this.topInvocations++,
    };
  }

  /**
   * A resource that the call running declares itself (a helper of the
   * provider's package, `bucket.onObjectCreated(…)`), for the host to
   * create: at the call's line, each on a way of its own.
   */
  declaredByCall(
    pulumiType: string,
    name: JsValue,
    nameText: string,
    args: JsValue,
  ): ResourceCall {
    const step = this.invocation();
    return {
      pulumiType,
      name,
      nameText,
      args,
      file: this.file,
      line: this.site.line,
      lastLine: this.site.line,
      mayNotRun: this.writes !== undefined,
      inLoopNotKnown: this.loopsNotKnown > 0,
      path: [...this.reachedBy.map(reached => reached.step), step],
      way: this.ways.extend(this.reachedBy.at(-1)?.way ?? 0, step),
      linesHere: this.linesOfFile(this.file),
    };
  }

  /** What a class extends, evaluated once (as defining the class does). */
  private parentOf(cls: ClassValue): JsValue {
    if (this.parents.has(cls)) return this.parents.get(cls);
    const heritage = extendsClause(cls);
    const parent = heritage && this.evaluate(heritage.expression, cls.scope);
    this.parents.set(cls, parent);
    return parent;
  }

  /** The class of the program a class extends. */
  private superClass(cls: ClassValue): ClassValue | undefined {
    const parent = this.parentOf(cls);
    return parent instanceof ClassValue ? parent : undefined;
  }

  /**
   * The arguments of a call or a `new`, those spread (`super(...names)`) as the items they spread; a list written in the file,
   * with the line of each argument, as a list literal's items have theirs (a host's `fn.addLayers(a, b)` over lines): of
   * an item spread, its own where the list spread is written in the file (`const layers = [a, b]`), else the spread's.
   */
  private callArguments(
    node: TypeScript.CallExpression | TypeScript.NewExpression,
    scope: Scope,
  ): JsValue[] {
    const lines: number[] = [];
    const args = (node.arguments ?? []).flatMap(arg => {
      let values: JsValue[];
      const line = this.lineOf(arg);
      if (ts.isSpreadElement(arg)) {
        const spread = this.evaluate(arg.expression, scope);
        values = spreadItems(spread) ?? [itemsNotKnown('spread argument')];
        const writtenHere =
          Array.isArray(spread) && this.literalFiles.get(spread) === this.file;
        lines.push(
          ...values.map((_item, index) =>
            writtenHere ? lineOfPath(spread as Value[], [index], line) : line,
          ),
        );
      } else {
        values = [this.evaluate(arg, scope)];
        lines.push(line);
      }
      return values;
    });
    recordLines(args, this.lineOf(node), { items: lines });
    this.literalFiles.set(args, this.file);
    return args;
  }

  private callExpression(
    node: TypeScript.CallExpression,
    scope: Scope,
  ): JsValue {
    if (node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const self = scope.instance;
      // The parent of the class whose constructor runs: an instance's own class is the last one down.
      const running = this.constructing.at(-1);
      const parent = self && running ? this.parentOf(running.cls) : undefined;
      if (self && isGlobalClass(parent)) {
        self.base = this.builtinBase(parent, this.callArguments(node, scope));
      } else if (self && parent instanceof ClassValue) {
        const args = this.callArguments(node, scope);
        this.withCallSite(node, () =>
          this.construct(parent, self, args, this.siteOf(node)),
        );
      } else if (self && isHostMethod(parent)) {
        this.constructHostClass(
          parent,
          self,
          node.arguments.map(arg => this.evaluate(arg, scope)),
          node,
          this.siteOf(node),
        );
      } else if (self && isResourceClass(parent)) {
        self.resource = this.declareResource(
          parent.path.slice('aws.'.length),
          node.arguments,
          scope,
          node,
          self.variable,
        );
      } else if (self && isComponentResource(parent)) {
        // `super(type, name, args, options)`: the provider its options name, it hands its children; a spread may hold them.
        const given = node.arguments.slice(0, 4);
        const options = given.some(arg => ts.isSpreadElement(arg))
          ? unknown('options of a spread')
          : given[3] && this.evaluate(given[3], scope);
        REGIONS_HANDED_ON.set(
          self,
          regionOfProvider(options, this.host.defaultRegion),
        );
      } else if (self && parent !== undefined && this.host.hostSuper) {
        // Arguments for a class the program does not define are read only where the host asks for them.
        const site = {
          ...this.siteOf(node),
          variable: self.variable,
          idText: node.arguments[1]?.getText(this.sourceFile),
          inLoopNotKnown: this.loopsNotKnown > 0,
        };
        this.host.hostSuper(
          self,
          parent,
          () => node.arguments.map(arg => this.evaluate(arg, scope)),
          site,
        );
      }
      running?.initializeFields?.();
      return undefined;
    }
    if (
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'registerOutputs'
    ) {
      const outputs = node.arguments[0]
        ? this.evaluate(node.arguments[0], scope)
        : undefined;
      if (isPlainObject(outputs)) {
        for (const [name, value] of Object.entries(outputs)) {
          this.host.output(
            name,
            value,
            this.file,
            lineOfPath(outputs as ValueMap, [name], this.lineOf(node)),
          );
        }
      }
      return undefined;
    }
    const callee = this.callee(node.expression, scope);
    const args = this.callArguments(node, scope);
    this.site = this.siteOf(node);
    return this.withCallSite(node, () =>
      callee instanceof FunctionValue
        ? this.callFunction(callee, args, undefined, isReadInFull(node))
        : this.call(
            callee,
            args,
            !leavesArgumentsAlone(node.expression.getText(this.sourceFile)),
          ),
    );
  }

  /**
   * A method a host models (see isHostMethod) run as the constructor of a
   * subclass's instance, by its `super(…)` at
   * `site`: the instance has the members of what it makes (a subscription's
   * `func`, `permission`, …).
   */
  private constructHostClass(
    cls: Builtin,
    instance: Instance,
    args: JsValue[],
    node: TypeScript.Node,
    site: CallSite,
  ) {
    this.site = site;
    const made = this.withCallSite(node, () => this.builtin(cls, args));
    if (isPlainObject(made))
      for (const [name, value] of Object.entries(made))
        instance.fields.set(name, value);
  }

  /** Where a call or `new` expression is, as the host hears of it. */
  private siteOf(
    node: TypeScript.CallExpression | TypeScript.NewExpression,
  ): CallSite {
    return {
      file: this.file,
      line: this.lineOf(node),
      mayNotRun: this.writes !== undefined,
      nameText: node.arguments?.[0]?.getText(this.sourceFile),
    };
  }

  /** Runs code a call or `new` expression runs, with the expression among the running call sites (see setKeyLines). */
  private withCallSite<T>(node: TypeScript.Node, run: () => T): T {
    this.callSites.push({
      file: this.file,
      line: this.lineOf(node),
      position: node.end,
      invocations: 0,
    });
    try {
      return run();
    } finally {
      this.callSites.pop();
    }
  }

  /**
   * What a call calls. `items.forEach(...)` on items not known statically
   * is the array method all the same, so that its callback runs (as a
   * for-of loop over them does); read as a property, `items.map` stays unknown.
   */
  private callee(expression: TypeScript.Expression, scope: Scope): JsValue {
    let method: string | undefined;
    if (ts.isPropertyAccessExpression(expression))
      method = expression.name.text;
    else if (
      ts.isElementAccessExpression(expression) &&
      ts.isStringLiteral(expression.argumentExpression)
    )
      method = expression.argumentExpression.text;
    if (
      method !== undefined &&
      (ITERATING_METHODS.has(method) || SEARCHING_CALLBACK_METHODS.has(method))
    ) {
      const object = this.evaluate(
        (
          expression as
            | TypeScript.PropertyAccessExpression
            | TypeScript.ElementAccessExpression
        ).expression,
        scope,
      );
      if (object instanceof Unknown)
        return new Builtin(`array.${method}`, object);
      return this.member(object, method);
    }
    return this.evaluate(expression, scope);
  }

  /** Calls a function; one not known statically may change the objects it is given (`opensArguments`). */
  private call(
    callee: JsValue,
    args: JsValue[],
    opensArguments = true,
  ): JsValue {
    if (callee instanceof FunctionValue) return this.callFunction(callee, args);
    if (callee instanceof Builtin) return this.builtin(callee, args);
    if (callee instanceof Namespace && callee.path.startsWith('aws.'))
      return this.dataSource(callee.path, args);
    this.host.unknownCall?.(args, callee);
    if (opensArguments) open(args);
    return unknown('result of a call not known statically');
  }

  /**
   * `fn.call(self, a, b)` and `fn.apply(self, [a, b])` call the function with those arguments, `this` the instance
   * given; `fn.bind(self, a)` is the function that calls it so, with `a` before the arguments it is given. The `this`
   * of an arrow function, or of one bound already, stays its own.
   */
  private callOrApply(
    fn: FunctionValue,
    method: string,
    [self, ...rest]: JsValue[],
  ): JsValue {
    const takesThis = !ts.isArrowFunction(fn.node) && !fn.bound;
    const bound =
      self instanceof Instance && takesThis
        ? new FunctionValue(fn.node, fn.scope, self, fn.bound)
        : fn;
    if (method === 'function.bind')
      return new FunctionValue(bound.node, bound.scope, bound.self, {
        args: [...(fn.bound?.args ?? []), ...rest],
      });
    if (method === 'function.call') return this.callFunction(bound, rest);
    // The list apply is given is spread into the arguments, as a spread argument is (see callArguments).
    const [list] = rest;
    return this.callFunction(
      bound,
      list === undefined || list === null
        ? []
        : spreadItems(list) ?? [itemsNotKnown('spread argument')],
    );
  }

  /**
   * `readInFull`: whether what calls it, if it is a generator, takes all it gives (see {@link isReadInFull}).
   */
  callFunction(
    fn: FunctionValue,
    args: JsValue[],
    item?: string,
    readInFull = false,
  ): JsValue {
    if (this.depth >= MAX_CALL_DEPTH) return unknown('recursion');
    this.depth++;
    this.reach(this.invocation(item));
    const [previousFile, previousSource] = [this.file, this.sourceFile];
    this.file = fn.node.getSourceFile().fileName;
    this.sourceFile = fn.node.getSourceFile();
    const scope = new Scope(fn.scope, fn.self);
    const given = fn.bound ? [...fn.bound.args, ...args] : args;
    // A `this` parameter (`function (this: Naming, suffix)`) only types `this`: the arguments go to the others.
    const parameters = fn.node.parameters.filter(
      parameter =>
        !ts.isIdentifier(parameter.name) || parameter.name.text !== 'this',
    );
    parameters.forEach((parameter, index) => {
      let value = parameter.dotDotDotToken ? given.slice(index) : given[index];
      if (value === undefined && parameter.initializer)
        value = this.evaluate(parameter.initializer, scope);
      this.bind(parameter.name, value, scope);
    });
    let result: JsValue;
    const body = fn.node.body;
    const [outerReturns, outerExits] = [
      this.returnedInAlternative,
      this.exits.length,
    ];
    this.returnedInAlternative = false;
    // A generator's body runs at the call, as far as it goes, and the call gives the list of what it yields: what
    // iterates it (`for (const queue of queues())`, a spread, Array.from) sees those items.
    const generator = fn.node.asteriskToken ? [] : undefined;
    if (generator) this.yielded.push(generator);
    const run = () => {
      if (body && ts.isBlock(body)) {
        const completion = this.block(body.statements, scope);
        if (isReturned(completion)) result = completion.value;
      } else if (body)
        result = this.evaluate(body as TypeScript.Expression, scope);
    };
    // One read in part (`next()`, a loop that may break) runs only as far as what it gives is taken, which is not
    // followed: what its body makes may not be made, as in a loop whose rounds are not known (an endless one
    // is cut as a loop is).
    if (generator && !readInFull) this.inLoopNotKnown(run);
    else run();
    // A return in a branch that may not run: what the call returns is not known.
    if (this.returnedInAlternative) {
      // What it returns may be any of the values its returns give.
      const returned = this.exits
        .slice(outerExits)
        .flatMap(exit => (isReturned(exit) ? [exit.value] : []));
      this.host.alternativesNotKnown?.([...returned, result]);
      result = unknown(
        'condition not known statically: a return in a branch that may not run',
      );
    }
    this.returnedInAlternative = outerReturns;
    this.exits.length = outerExits;
    if (generator) {
      this.yielded.pop();
      GENERATED.add(generator);
      result = generator;
    }
    this.file = previousFile;
    this.sourceFile = previousSource;
    this.reachedBy.pop();
    this.depth--;
    return result;
  }

  /**
   * `next()` of a generator: `{ value, done }` of the first item it has not given, which it gives (a loop over it
   * after sees the others), as `shift` takes it; past the last, done. Where the item stands for items not known in
   * number, the value may be any of them and whether it is done is not known.
   */
  private generatorNext(list: JsValue[]): JsValue {
    if (list.length === 0) return { value: undefined, done: true };
    if (isItemsNotKnown(list[0])) {
      const item = unknown('item a generator gives');
      mayHold(item, list);
      return { value: item, done: unknown('whether a generator is done') };
    }
    return {
      value: this.builtin(new Builtin('array.shift', list), []),
      done: false,
    };
  }

  /**
   * `yield value` adds the value to the list the generator running gives, `yield* items` the items, as a push
   * would: in code that may not run, or in a loop whose rounds are not known, they make its items not known in
   * number. What the expression gives (what `next(value)` sends back) is not known.
   */
  private yieldExpression(
    node: TypeScript.YieldExpression,
    scope: Scope,
  ): JsValue {
    const value = node.expression && this.evaluate(node.expression, scope);
    const list = this.yielded.at(-1);
    if (list) {
      const items = node.asteriskToken
        ? spreadItems(value) ?? [
            itemsNotKnown('yield* of a collection not known statically'),
          ]
        : [value];
      this.site = {
        file: this.file,
        line: this.lineOf(node),
        mayNotRun: this.writes !== undefined,
      };
      this.builtin(new Builtin('array.push', list), items);
    }
    return unknown('what a generator is sent');
  }

  /**
   * `path.join(__dirname, '../policies/read.json')`, `path.resolve('policies', name)`: the path in the scan it
   * makes, a relative path where `path.join` is given only those; not known where a part is not known or the
   * path leaves the scanned root (what is outside it is not read).
   */
  private joinedPath(resolve: boolean, parts: JsValue[]): JsValue {
    if (
      !parts.every(
        part => typeof part === 'string' || part instanceof PathInScan,
      )
    )
      return unknown(resolve ? 'path.resolve' : 'path.join');
    const texts = parts as (string | PathInScan)[];
    let base: string | undefined;
    let rest = texts;
    if (resolve) {
      // A path later in the list starts the path again; before any, the working folder is where it starts.
      const start = texts.findLastIndex(part => part instanceof PathInScan);
      base =
        start < 0 ? this.host.workingFolder : (texts[start] as PathInScan).path;
      rest = texts.slice(start + 1);
    } else if (texts[0] instanceof PathInScan) {
      base = texts[0].path;
      rest = texts.slice(1);
    }
    if (
      rest.some(
        part => typeof part !== 'string' || (resolve && posix.isAbsolute(part)),
      )
    )
      return unknown('path not in the scanned tree');
    if (base === undefined)
      return resolve
        ? unknown('path.resolve')
        : posix.join(...(rest as string[]));
    const path = inScan(posix.join(base, ...(rest as string[])));
    return path === undefined
      ? unknown('path outside the scanned tree')
      : new PathInScan(path);
  }

  /**
   * `fs.readFileSync(path, 'utf8')`, `await readFile(path, 'utf8')` of `fs/promises`: the text of a file of the scan,
   * by a path in it or relative to the working folder; its bytes where no encoding is given (see FileBytes). Not known
   * where it cannot be read (missing, outside the scanned root, binary, too large) or is read in another encoding.
   */
  private readDataFile(path: JsValue, options: JsValue): JsValue {
    const encoding = isPlainObject(options) ? options.encoding : options;
    const asBytes = encoding === undefined || encoding === null;
    if (!asBytes && encoding !== 'utf8' && encoding !== 'utf-8')
      return unknown('file read in another encoding');
    let relative: string | undefined;
    if (path instanceof PathInScan) relative = path.path;
    else if (
      typeof path === 'string' &&
      !posix.isAbsolute(path) &&
      this.host.workingFolder !== undefined
    )
      relative = inScan(posix.join(this.host.workingFolder, path));
    const text =
      relative === undefined ? undefined : this.host.readDataFile?.(relative);
    if (text === undefined) return unknown('file not read');
    return asBytes ? new FileBytes(text) : text;
  }

  private builtin(callee: Builtin, args: JsValue[]): JsValue {
    const [first, second] = args;
    if (
      callee.name.startsWith('method:') &&
      (callee.self instanceof ResourceHandle ||
        callee.self instanceof HostObject)
    ) {
      const name = callee.name.slice('method:'.length);
      return this.host.callMethod
        ? this.host.callMethod(callee.self, name, args, this.site)
        : unknown(name);
    }
    if (
      callee.self instanceof FunctionValue &&
      callee.name.startsWith('function.')
    )
      return this.callOrApply(callee.self, callee.name, args);
    if (callee.self instanceof MapValue && callee.name.startsWith('map.'))
      return this.mapMethod(
        callee.self,
        callee.name.slice('map.'.length),
        args,
      );
    switch (callee.name) {
      case 'aws.config.requireRegion':
        return this.configuredRegion();
      case 'pulumi.interpolate':
        return this.joinTexts(args);
      case 'pulumi.concat':
        // pulumi.concat joins its arguments with Array.join, which writes undefined and null as nothing.
        return this.joinTexts(args.map(arg => arg ?? ''));
      case 'pulumi.all':
      case 'pulumi.output':
      case 'pulumi.secret':
      case 'pulumi.Output.create':
        return first;
      case 'pulumi.getStack':
        return unknown('stack name');
      case 'pulumi.getProject':
        return unknown('project name');
      case 'output.apply':
        return this.call(first, [resolvedValue(callee.self)]);
      case 'JSON.stringify':
      case 'pulumi.jsonStringify':
        return this.writtenHere(
          new JsonText(
            toGraphValue(
              first,
              this.onAttribute,
              this.linesOfFile(this.file),
              true,
            ),
          ),
        );
      case 'JSON.parse':
      case 'pulumi.jsonParse':
        if (first instanceof JsonText) return this.parsedHere(first);
        // A Buffer is parsed as its text.
        if (first instanceof FileBytes) return parsedText(first.text);
        return typeof first === 'string'
          ? parsedText(first)
          : unknown('JSON.parse');
      case 'process.cwd':
        return this.host.workingFolder === undefined
          ? unknown('process.cwd()')
          : new PathInScan(this.host.workingFolder);
      case 'path.join':
      case 'path.resolve':
        return this.joinedPath(callee.name === 'path.resolve', args);
      case 'fs.readFileSync':
      case 'fs.promises.readFile':
        return this.readDataFile(first, second);
      case 'path.dirname':
        // The scanned root's folder is outside it.
        if (first instanceof PathInScan)
          return first.path === ''
            ? unknown('path outside the scanned tree')
            : new PathInScan(folderOf(first.path));
        return typeof first === 'string'
          ? posix.dirname(first)
          : unknown('path.dirname');
      case 'bytes.toString':
        return first === undefined || first === 'utf8' || first === 'utf-8'
          ? (callee.self as FileBytes).text
          : unknown('file read in another encoding');
      case 'Object.assign': {
        // The target changes in place, and is what the call gives; a source not known may add anything.
        if (!isPlainObject(first) || isFrozen(first))
          return unknown('Object.assign');
        if (!args.every(isKnownObject)) {
          // A source not known, or changed by code not known, may set any key, to what it holds.
          open([first]);
          mayHold(
            first,
            args.slice(1).flatMap(source => heldNotKnown(source) ?? [source]),
          );
          return first;
        }
        for (const source of args.slice(1) as { [key: string]: JsValue }[]) {
          const lines: Record<string, number> = {};
          for (const [key, value] of Object.entries(source)) {
            this.setKey(first, key, value);
            const line = lineOfPath(source as Value, [key], 0);
            if (line > 0) lines[key] = line;
          }
          this.setKeyLines(first, lines, this.literalFiles.get(source));
        }
        return first;
      }
      case 'Object.entries':
        // An entry whose value is not known may be of a key code that may not run set (see Object.values).
        return isKnownObject(first)
          ? Object.entries(first).map(entry =>
              entry[1] instanceof Unknown ? markItemsNotKnown(entry) : entry,
            )
          : unknown('Object.entries');
      case 'Object.freeze':
        if (isPlainObject(first) || Array.isArray(first)) FROZEN.add(first);
        return first;
      case 'Array.from': {
        // Its items as `[...items]` gives them; a callback runs on them as map's does, on an item not known
        // statically when they are not known (the resources it makes are the program's all the same).
        const items = itemsOf(first);
        if (!(second instanceof FunctionValue))
          return items ?? unknown('Array.from');
        return this.builtin(
          new Builtin('array.map', items ?? unknown('items of Array.from')),
          [second],
        );
      }
      case 'Array.isArray':
        if (Array.isArray(builtinOf(first))) return true;
        return isKnownScalar(first) ||
          first === undefined ||
          isObjectValue(first)
          ? false
          : unknown('Array.isArray');
      case 'Number':
      case 'String':
      case 'Boolean':
      case 'parseInt':
      case 'parseFloat':
        return convertScalar(callee.name, args);
      case 'Object.fromEntries':
        return (
          objectOfEntries(
            first instanceof MapValue ? mapEntries(first) : first,
          ) ?? this.call(unknown('Object.fromEntries'), args)
        );
      case 'Object.keys':
        return isKnownObject(first)
          ? Object.keys(first)
          : unknown('Object.keys');
      case 'Object.values':
        // A value not known may be that of a key code that may not run set: it stands for no value or one.
        return isKnownObject(first)
          ? Object.values(first).map(value =>
              value instanceof Unknown ? itemsNotKnown(value.reason) : value,
            )
          : unknown('Object.values');
      case 'Math.max':
      case 'Math.min':
      case 'Math.floor':
      case 'Math.ceil':
      case 'Math.round':
      case 'Math.abs':
        return args.every(arg => typeof arg === 'number')
          ? Math[callee.name.slice('Math.'.length) as 'max'](
              ...(args as number[]),
            )
          : unknown(callee.name);
      case 'require':
        return typeof first === 'string'
          ? this.requireModule(first, 'require')
          : unknown('require');
      case 'config.get':
      case 'config.require':
      case 'config.getSecret':
      case 'config.requireSecret':
      case 'config.getNumber':
      case 'config.requireNumber':
      case 'config.getBoolean':
      case 'config.requireBoolean':
      case 'config.getObject':
      case 'config.requireObject':
      case 'config.getSecretNumber':
      case 'config.requireSecretNumber':
      case 'config.getSecretBoolean':
      case 'config.requireSecretBoolean':
      case 'config.getSecretObject':
      case 'config.requireSecretObject':
        if (typeof first !== 'string' || !this.host.config)
          return unknown(`config ${typeof first === 'string' ? first : '?'}`);
        return this.host.config(
          callee.name.slice('config.'.length),
          callee.self,
          first,
        );
      default:
        break;
    }
    const self = callee.self;
    if (self instanceof Unknown && callee.name.startsWith('array.')) {
      // Like a for-of loop over it: the callback runs once, on an item not known statically.
      if (first instanceof FunctionValue) {
        const callback = first;
        const item = [this.itemNotKnown(self), unknown('index')];
        this.alternatives([
          () =>
            this.inLoopNotKnown(() =>
              this.callFunction(
                callback,
                callee.name === 'array.reduce'
                  ? [unknown('what reduce accumulates'), ...item]
                  : item,
                ANY_ITEM,
              ),
            ),
          () => undefined,
        ]);
      } else this.host.unknownCall?.(args, callee);
      return callee.name === 'array.forEach'
        ? undefined
        : unknown(
            `result of ${callee.name.slice(
              'array.'.length,
            )} over a collection not known statically`,
          );
    }
    if (Array.isArray(self)) {
      const method = callee.name.slice('array.'.length);
      if (method === 'next' && GENERATED.has(self))
        return this.generatorNext(self);
      // A callback not known statically (`forEach(alarm.bind(this))`) is handed each item.
      if (ITERATING_METHODS.has(method) && first instanceof Unknown)
        this.host.unknownCall?.([first, ...self], callee);
      if (ITERATING_METHODS.has(method) && first instanceof FunctionValue) {
        const items = loopItems(self);
        const known = itemsKnownBy(items);
        const indexes = indexesOf(items);
        const results = items.map((item, index) =>
          this.inRound(item, () =>
            this.callFunction(first, [item, indexes[index]], known[index]),
          ),
        );
        if (method === 'forEach') return undefined;
        // The item standing for those after the first ones gives results not known in number, which may hold its.
        if (items.length < self.length) {
          const rest = itemsNotKnown(`items after the first ${MAX_LOOP_ITEMS}`);
          mayHold(rest, [results[MAX_LOOP_ITEMS]]);
          results[MAX_LOOP_ITEMS] = rest;
        }
        // A callback's result not known may be a list: flatMap adds items not known in number.
        return method === 'flatMap'
          ? results.flatMap(result =>
              result instanceof Unknown
                ? [itemsNotKnown(result.reason)]
                : result,
            )
          : results;
      }
      if (method === 'join') {
        return concatWithinMaxSize(
          self.flatMap((item, index) =>
            index
              ? [
                  typeof second === 'string' ? second : String(first ?? ','),
                  this.joinedPart(item),
                ]
              : [this.joinedPart(item)],
          ),
        );
      }
      if (method === 'concat') {
        // A value not known may be a list: what it adds is not known in number either.
        const joined = [
          ...self,
          ...args.flatMap(arg =>
            Array.isArray(arg)
              ? arg
              : [arg instanceof Unknown ? itemsNotKnown(arg.reason) : arg],
          ),
        ];
        return joined.length > MAX_LIST_ITEMS
          ? unknown('list too long')
          : joined;
      }
      // A frozen list's changes throw, and change nothing.
      if (
        isFrozen(self) &&
        (LIST_CHANGES.has(method) || MUTATING_METHODS.has(method))
      )
        return unknown(`result of ${method} on a frozen list`);
      // In code that may not run, the list may or may not be changed.
      if (
        this.writes &&
        (LIST_CHANGES.has(method) || MUTATING_METHODS.has(method))
      ) {
        forgetItems(
          self,
          `a list changed by ${method} in code that may not run`,
          args,
        );
        return unknown(`result of ${method}`);
      }
      if (LIST_CHANGES.has(method))
        return changeList(self, method, args, this.site.line);
      if (method === 'entries') {
        const indexes = indexesOf(self);
        return self.map((item, index) => [indexes[index], item]);
      }
      if (method === 'keys') return indexesOf(self);
      if (method === 'values') return [...self];
      // A callback runs on an item standing for items not known in number as map's does (see searchList).
      if (
        SEARCHING_CALLBACK_METHODS.has(method) ||
        (SEARCHING_METHODS.has(method) && !self.some(isItemsNotKnown))
      )
        return this.searchList(method, self, args);
      if (MUTATING_METHODS.has(method))
        forgetItems(self, `a list changed by ${method}`);
      return unknown(`array ${method}`);
    }
    if (typeof self === 'string') {
      const method = callee.name.slice('string.'.length);
      if (method === 'toString') return self;
      if (method === 'toLowerCase') return self.toLowerCase();
      if (method === 'toUpperCase') return self.toUpperCase();
      if (method === 'trim') return self.trim();
      // The position a test starts or ends at counts (`startsWith('b', 1)`).
      if (
        TEXT_TESTS.has(method) &&
        typeof first === 'string' &&
        (second === undefined || typeof second === 'number')
      )
        return self[method as 'includes'](first, second);
      if (
        method === 'replace' &&
        typeof first === 'string' &&
        typeof second === 'string'
      ) {
        // Each $&, $` or $' of the replacement stands for up to the whole text: many of them in a long one make a text too large to make.
        const patterns = second.match(/\$[&`']/g)?.length ?? 0;
        return self.length + second.length + patterns * self.length >
          MAX_VALUE_SIZE
          ? unknown('text too long')
          : self.replace(first, second);
      }
      if (method === 'split' && typeof first === 'string')
        return self.split(first);
      return unknown(`string ${method}`);
    }
    return unknown(`result of ${callee.name}`);
  }

  /**
   * `filter`, `find`, `some`, `reduce`, `includes`… of a list, running the
   * callback on each item as JavaScript does (`find` stops at the first
   * match). Where the callback's result decides and is not known, or the
   * item stands for items not known in number (on which the callback runs
   * as map's does), neither is what the method gives, nor whether the
   * callbacks after it run: they may. Those that take no callback, only on
   * a list whose items are known in number.
   */
  private searchList(method: string, list: JsValue[], args: JsValue[]) {
    const [first, second] = args;
    const notKnown = unknown(`result of ${method} not known statically`);
    if (method === 'includes' || method === 'indexOf') {
      const sought = compared(first);
      const items = list.map(compared);
      if (
        !isKnownScalar(sought) ||
        !items.every(isKnownScalar) ||
        (second !== undefined && typeof second !== 'number')
      )
        return notKnown;
      return method === 'includes'
        ? items.includes(sought, second)
        : items.indexOf(sought, second);
    }
    if (method === 'slice') {
      // A bound undefined is the list's start or end, as none is.
      return args.every(
        bound => bound === undefined || typeof bound === 'number',
      )
        ? list.slice(...(args as (number | undefined)[]))
        : notKnown;
    }
    if (!(first instanceof FunctionValue)) return notKnown;
    const items = loopItems(list);
    const known = itemsKnownBy(items);
    const indexes = indexesOf(items);
    // As in JavaScript, the callback runs on the items the list held when the method was called, those a callback
    // removed skipped but by find and findIndex, which read them as undefined.
    const { length } = items;
    const skips = (index: number) =>
      index >= items.length && method !== 'find' && method !== 'findIndex';
    if (method === 'reduce') {
      const start = args.length > 1 ? 0 : 1;
      if (length < start) return notKnown;
      let accumulated = start ? items[0] : second;
      for (let index = start; index < length; index++) {
        if (!skips(index))
          accumulated = this.callFunction(
            first,
            [accumulated, items[index], indexes[index]],
            known[index],
          );
      }
      return items.some(isItemsNotKnown) ? notKnown : accumulated;
    }
    const test = (index: number) =>
      skips(index)
        ? false
        : truthiness(
            this.callFunction(
              first,
              [items[index], indexes[index]],
              known[index],
            ),
          );
    const kept: JsValue[] = [];
    for (let index = 0; index < length; index++) {
      const item = items[index];
      const matches = test(index);
      if (matches === undefined || isItemsNotKnown(item)) {
        // filter tests every item all the same; the others may stop here, or test the items after it.
        const testRest = () => {
          for (let after = index + 1; after < length; after++) test(after);
        };
        if (method === 'filter') testRest();
        else this.alternatives([testRest, () => undefined]);
        return notKnown;
      }
      if (method === 'filter') {
        if (matches) kept.push(item);
      } else if (matches !== (method === 'every')) {
        if (method === 'find') return item;
        if (method === 'findIndex') return index;
        return method === 'some';
      }
    }
    if (method === 'filter') return kept;
    if (method === 'find') return undefined;
    if (method === 'findIndex') return -1;
    return method === 'every';
  }

  /** `aws.config.region`: the stack's configuration's (see {@link ConfiguredRegion}), else the stack's region not known. */
  private configuredRegion(): Unknown {
    const region = this.host.defaultRegion;
    return region === undefined
      ? unknown('AWS::Region')
      : new ConfiguredRegion(region);
  }

  /** `aws.getRegion()`, `aws.iam.getPolicyDocument(...)`: provider lookups. */
  private dataSource(path: string, args: JsValue[]): JsValue {
    const name = path.replace(/Output$/, '');
    if (name === 'aws.getRegion')
      return {
        name: unknown('AWS::Region'),
        region: unknown('AWS::Region'),
        id: unknown('AWS::Region'),
      };
    if (name === 'aws.getCallerIdentity')
      return {
        accountId: unknown('AWS::AccountId'),
        arn: unknown('caller ARN'),
      };
    if (name === 'aws.getPartition')
      return {
        partition: unknown('AWS::Partition'),
        dnsSuffix: unknown('AWS::URLSuffix'),
      };
    if (name === 'aws.iam.getPolicyDocument') {
      const document = getPolicyDocument(
        args[0],
        this.onAttribute,
        this.linesOfFile(this.file),
      );
      if (document.json instanceof JsonText) this.writtenHere(document.json);
      return document;
    }
    if (name === 'aws.iam.getRole')
      return roleByName(args) ?? unknown(`${path}()`);
    if (name === 'aws.iam.getPolicy')
      return awsManagedPolicyLookedUp(args) ?? unknown(`${path}()`);
    return unknown(`${path}()`);
  }

  /**
   * The value of JSON text, read here: its lines are the text's, of the file
   * that built it, none of this one's where that is another; its maps and
   * lists are then this file's, as literals (see linesOfFile). A copy either
   * way: what the program then changes in place is not the text's.
   */
  private parsedHere(json: JsonText): Value {
    const here = this.linesOfFile(this.file);
    const value = here.written(json)
      ? toGraphValue(json.value, this.onAttribute, here, true)
      : withoutLines(json.value);
    const register = (node: Value) => {
      if (Array.isArray(node)) node.forEach(register);
      else if (!isMap(node)) return;
      else Object.values(node).forEach(register);
      this.literalFiles.set(node, this.file);
    };
    register(value);
    return value;
  }

  /** JSON text built here, by the call running: its lines are lines of this file (see toGraphValue), and it is written at the call. */
  private writtenHere(json: JsonText): JsonText {
    this.literalFiles.set(json, this.file);
    json.writtenAt = { file: this.file, line: this.site.line };
    return json;
  }
}

/**
 * Exports a module's functions, as an ES module binds them before its code
 * runs: those declared `export function`, and those an export list names
 * (`function helper() {}` … `export { helper }`).
 */
function exportFunctions(
  statements: readonly TypeScript.Statement[],
  scope: Scope,
  exports: Map<string, JsValue>,
) {
  const functions = new Set<string>();
  for (const statement of statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.body) continue;
    // `export default function (scope) {…}`: a function without a name, which only the default export holds.
    if (!statement.name) {
      if (isDefaultExport(statement))
        exports.set('default', new FunctionValue(statement, scope));
      continue;
    }
    functions.add(statement.name.text);
    if (isExported(statement))
      exports.set(
        isDefaultExport(statement) ? 'default' : statement.name.text,
        scope.lookup(statement.name.text).value,
      );
  }
  for (const statement of statements) {
    if (
      !ts.isExportDeclaration(statement) ||
      statement.moduleSpecifier ||
      !statement.exportClause ||
      !ts.isNamedExports(statement.exportClause)
    )
      continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).text;
      if (functions.has(local))
        exports.set(element.name.text, scope.lookup(local).value);
    }
  }
}

/**
 * Whether the program may give a function members through its prototype (`WorkQueue.prototype.grant = …`,
 * `util.inherits(WorkQueue, …)`, `Object.setPrototypeOf`): what an object it makes reads from there is not known.
 */
function hasPrototypeMembers(
  node: TypeScript.FunctionLikeDeclaration,
): boolean {
  const text = node.getSourceFile().text;
  if (/\bsetPrototypeOf\b/.test(text)) return true;
  // Its name, or that of the variable a function expression is assigned to.
  const named = ts.isVariableDeclaration(node.parent) ? node.parent : node;
  if (!named.name || !ts.isIdentifier(named.name)) return false;
  const name = named.name.text.replace(/\$/g, '\\$');
  return new RegExp(
    `\\b${name}\\.prototype\\b|\\binherits\\(\\s*${name}\\b`,
  ).test(text);
}

/** Whether a statement is exported (`export const`, `export function`). */
function isExported(statement: TypeScript.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts
      .getModifiers(statement)
      ?.some(m => m.kind === ts.SyntaxKind.ExportKeyword) ??
      false)
  );
}

/** Whether a statement is the default export (`export default function`). */
function isDefaultExport(statement: TypeScript.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts
      .getModifiers(statement)
      ?.some(m => m.kind === ts.SyntaxKind.DefaultKeyword) ??
      false)
  );
}

/** A method or getter a class declares itself, static or not. */
function ownMethod(
  cls: ClassValue,
  name: string,
  statics: boolean,
):
  | TypeScript.MethodDeclaration
  | TypeScript.GetAccessorDeclaration
  | undefined {
  return cls.node.members.find(
    (
      member,
    ): member is
      | TypeScript.MethodDeclaration
      | TypeScript.GetAccessorDeclaration =>
      (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) &&
      memberName(member) === name &&
      isStatic(member) === statics,
  );
}

/** A class member's name as code reads it (`queue`, `#queue`); undefined for a computed or quoted one. */
function memberName(member: TypeScript.ClassElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name))
    ? name.text
    : undefined;
}

/** A resource class of @pulumi/aws (`aws.sqs.Queue`), which a class of the program may extend; not its provider. */
function isResourceClass(value: JsValue): value is Namespace {
  return (
    value instanceof Namespace &&
    value.path.startsWith('aws.') &&
    value.path !== 'aws.Provider'
  );
}

/** `extends <class>` of a class, if it has one. */
function extendsClause(
  cls: ClassValue,
): TypeScript.ExpressionWithTypeArguments | undefined {
  return cls.node.heritageClauses?.find(
    h => h.token === ts.SyntaxKind.ExtendsKeyword,
  )?.types[0];
}

function isStatic(member: TypeScript.ClassElement): boolean {
  return (
    ts.canHaveModifiers(member) &&
    (ts
      .getModifiers(member)
      ?.some(m => m.kind === ts.SyntaxKind.StaticKeyword) ??
      false)
  );
}

/** Globals that read the objects they are given and change none: `console.log(args)` leaves `args` known. */
const READ_ONLY_GLOBALS = new Set([
  'console',
  'Math',
  'JSON',
  'String',
  'Number',
  'Boolean',
  'Array',
  'Date',
]);
const READ_ONLY_CALLS = new Set([
  'Object.freeze',
  'Object.isFrozen',
  'Object.prototype.hasOwnProperty.call',
  'pulumi.log.info',
  'pulumi.log.warn',
  'pulumi.log.error',
  'pulumi.log.debug',
]);

/** Whether a call leaves the objects it is given unchanged, by what it calls (`console.log`). */
function leavesArgumentsAlone(callee: string): boolean {
  const root = /^[A-Za-z_$][\w$]*/.exec(callee)?.[0];
  return (
    READ_ONLY_CALLS.has(callee) ||
    (root !== undefined && READ_ONLY_GLOBALS.has(root))
  );
}

/** A value compared the way the program compares it: a string, number, boolean or null. */
function isKnownScalar(value: JsValue): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  );
}

/** Whether a value is known to be neither undefined nor null (what `??` keeps). */
function isKnownNotNullish(value: JsValue): boolean {
  return value instanceof Unknown
    ? value instanceof ConfiguredRegion
    : value !== undefined && value !== null;
}

/** `==` on known scalars: a text, number or boolean against one of another kind compares as numbers; null equals only null here. */
function looselyEqual(left: JsValue, right: JsValue): boolean {
  if (typeof left === typeof right) return left === right;
  if (left === null || right === null) return false;
  return Number(left) === Number(right);
}

/** What `Number(x)`, `String(x)`, `Boolean(x)`, `parseInt(text, radix)` or `parseFloat(text)` gives, where `x` is known. */
function convertScalar(name: string, args: JsValue[]): JsValue {
  const [first, second] = args;
  const notKnown = unknown(`result of ${name}`);
  if (name === 'Boolean') return truthiness(first) ?? notKnown;
  if (!isKnownScalar(first) && first !== undefined) return notKnown;
  switch (name) {
    case 'Number':
      return args.length === 0 ? 0 : Number(first);
    case 'String':
      return args.length === 0 ? '' : String(first);
    case 'parseInt':
      return second === undefined || typeof second === 'number'
        ? parseInt(String(first), second)
        : notKnown;
    default:
      return parseFloat(String(first));
  }
}

/** The object `Object.fromEntries` makes of a list of entries whose keys are known texts or numbers; undefined for any other. */
function objectOfEntries(
  entries: JsValue,
): { [key: string]: JsValue } | undefined {
  if (!Array.isArray(entries) || entries.some(isItemsNotKnown))
    return undefined;
  const object: { [key: string]: JsValue } = {};
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.some(isItemsNotKnown)) return undefined;
    const [key, value] = entry;
    if (typeof key !== 'string' && typeof key !== 'number') return undefined;
    setEntry(object, String(key), value);
  }
  return object;
}

/** The items a spread of a list, a Map (its entries) or a Set (its values) gives; undefined for another value. */
function spreadItems(value: JsValue): JsValue[] | undefined {
  const iterable = builtinOf(value);
  if (Array.isArray(iterable)) return iterable;
  return iterable instanceof MapValue ? mapItems(iterable) : undefined;
}

/** The items `Array.from` makes a list of: those a spread gives, or `{ length: n }`'s n undefined ones. */
function itemsOf(iterable: JsValue): JsValue[] | undefined {
  const spread = spreadItems(iterable);
  if (spread) return [...spread];
  const length = isPlainObject(iterable)
    ? (iterable as { length?: JsValue }).length
    : undefined;
  return typeof length === 'number' &&
    Number.isInteger(length) &&
    length >= 0 &&
    length <= MAX_LIST_ITEMS
    ? new Array<JsValue>(length).fill(undefined)
    : undefined;
}

/** What spreading adds no key: `...undefined`, `...(cond && {...})` on a false condition. */
function addsNoKeys(value: JsValue): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  );
}

/**
 * `list.push(...)` and the like, in place: items keep their lines, added
 * ones are on the call's. The lines change with the items, in place too:
 * a loop of pushes costs one step each, not one per item of the list.
 */
function changeList(
  list: JsValue[],
  method: string,
  args: JsValue[],
  line: number,
): JsValue {
  const lines = itemLines(list, line);
  const change = Array.prototype[method as 'push'] as (
    ...items: unknown[]
  ) => unknown;
  change.apply(
    lines,
    args.map(() => line),
  );
  return change.apply(list, args) as JsValue;
}

/** The recorded lines of a list's items, as one array that changes with the list. */
function itemLines(list: JsValue[], line: number): number[] {
  const recorded = itemLinesOf(list);
  if (recorded && recorded.length === list.length) return recorded;
  const lines = list.map((_item, index) =>
    lineOfPath(list as Value, [index], line),
  );
  recordLines(list, lineOfNode(list) ?? line, { items: lines });
  return lines;
}

/**
 * What a value not known statically holds itself (see {@link MAY_HOLD}): an
 * object code not known may have changed, its values and those set at keys
 * not known; an object a spread not known went into, what it holds; an
 * item standing for a list's items, those items. Undefined for any other.
 */
function ownHeldNotKnown(value: JsValue): JsValue[] | undefined {
  if (isPlainObject(value) && isOpened(value))
    return [...Object.values(value), ...(MAY_HOLD.get(value) ?? [])];
  if (value instanceof Unknown)
    return MAY_HOLD.get(value) ?? SPREADS_NOT_KNOWN.get(value)?.held;
  return undefined;
}

/**
 * What a value not known statically may hold (see {@link ownHeldNotKnown}),
 * through the values not known it holds, each once: gone through here rather
 * than by recursion, as a list changed in a loop holds what it held before,
 * which held what it held before, as deep as the loop ran.
 */
function heldNotKnown(value: JsValue): JsValue[] | undefined {
  const own = ownHeldNotKnown(value);
  if (!own) return undefined;
  const held: JsValue[] = [];
  const seen = new Set<JsValue>([value]);
  const pending = [...own];
  for (let at = 0; at < pending.length; at++) {
    const item = pending[at];
    if (seen.has(item)) continue;
    seen.add(item);
    const inner = ownHeldNotKnown(item);
    if (inner) pending.push(...inner);
    else held.push(item);
  }
  return held;
}

/** A list changed in a way not modelled (`added` the values the change may add): one item not known statically stands for what it holds. */
function forgetItems(list: JsValue[], reason: string, added: JsValue[] = []) {
  const item = itemsNotKnown(reason);
  mayHold(item, [...list, ...added]);
  list.splice(0, list.length, item);
}

/**
 * The values `values` are and hold, a few levels into their lists and objects,
 * and with `components` into the fields of the program's component instances:
 * what code not modelled is handed when given them.
 */
export function valuesHandedOn(
  values: JsValue[],
  components = false,
): JsValue[] {
  const found: JsValue[] = [];
  const seen = new Set<JsValue>();
  const visit = (value: JsValue, depth: number) => {
    if (depth > 4 || seen.has(value)) return;
    seen.add(value);
    found.push(value);
    if (Array.isArray(value)) value.forEach(item => visit(item, depth + 1));
    else if (components && value instanceof Instance)
      value.fields.forEach(item => visit(item, depth + 1));
    else if (isPlainObject(value))
      Object.values(value).forEach(item => visit(item, depth + 1));
    else if (value instanceof Unknown)
      SPREADS_NOT_KNOWN.get(value)?.held.forEach(item =>
        visit(item, depth + 1),
      );
  };
  values.forEach(value => visit(value, 0));
  return found;
}

/**
 * The resources code not modelled is handed with `values` (see {@link valuesHandedOn}). (A CDK stack handed on,
 * `app.addDependency(stack)`, does not hand on its resources.)
 */
export function resourceHandlesIn(
  values: JsValue[],
  components = false,
): ResourceHandle[] {
  return valuesHandedOn(values, components).flatMap(
    value => resourceOf(value) ?? [],
  );
}

/** `this.queue = ...` names the resource `queue`; `const queue = ...` too. */
function assignedName(target: TypeScript.Expression): string | undefined {
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  return undefined;
}

function bindingNames(name: TypeScript.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap(element =>
    ts.isOmittedExpression(element) ? [] : bindingNames(element.name),
  );
}

/**
 * JavaScript truthiness of a value known statically; undefined when not known. A resource's attribute (see
 * {@link ATTRIBUTE_VALUES}) is truthy, as is a region of the stack's configuration (see {@link ConfiguredRegion}) and
 * a text with some literal text in it, whatever its other parts resolve to.
 */
function truthiness(value: JsValue): boolean | undefined {
  if (isAttributeValue(value) || value instanceof ConfiguredRegion) return true;
  if (value instanceof Template)
    return (
      value.parts.some(part => typeof part === 'string' && part !== '') ||
      undefined
    );
  if (value instanceof Unknown || value instanceof Ref) return undefined;
  if (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    Number.isNaN(value) ||
    value === ''
  )
    return false;
  return true;
}

/** `aws.lambda.Runtime` members for the OS-only runtimes, whose names do not spell their identifiers. */
const CUSTOM_RUNTIMES = lookupTable<string>({
  Custom: 'provided',
  CustomAL2: 'provided.al2',
  CustomAL2023: 'provided.al2023',
});

/**
 * Keys of @pulumi/aws's `aws.iam.ManagedPolicy` that name another policy
 * than they read as: the policy each stands for. Its other keys are the
 * policy's name, without its hyphens for a few.
 */
const RENAMED_MANAGED_POLICIES = lookupTable<string>({
  LambdaFullAccess: 'AWSLambda_FullAccess',
  LambdaReadOnlyAccess: 'AWSLambda_ReadOnlyAccess',
  CloudTrail_FullAccess: 'AWSCloudTrail_FullAccess',
  CloudTrail_ReadOnlyAccess: 'AWSCloudTrail_ReadOnlyAccess',
  CodePipeline_FullAccess: 'AWSCodePipeline_FullAccess',
  CodePipeline_ReadOnlyAccess: 'AWSCodePipeline_ReadOnlyAccess',
  OpsWorks_FullAccess: 'AWSOpsWorks_FullAccess',
  ElasticTranscoder_FullAccess: 'AmazonElasticTranscoder_FullAccess',
  ElasticTranscoder_JobsSubmitter: 'AmazonElasticTranscoder_JobsSubmitter',
  ElasticTranscoder_ReadOnlyAccess: 'AmazonElasticTranscoder_ReadOnlyAccess',
  AWSServerMigration_ServiceRole: 'ServerMigration_ServiceRole',
  AmazonECSFullAccess: 'AmazonECS_FullAccess',
  // Misspelled keys it keeps beside the right ones.
  AWSElasticBeanstakWorkerTier: 'AWSElasticBeanstalkWorkerTier',
  AWSGreengrassFullccess: 'AWSGreengrassFullAccess',
  AWSQuickSightDescribeRD: 'AWSQuickSightDescribeRDS',
});

/** The name of the policy a key of `aws.iam.ManagedPolicy` stands for (see RENAMED_MANAGED_POLICIES). */
function policyNameOfKey(key: string): string {
  return RENAMED_MANAGED_POLICIES[key] ?? key;
}

/** The AWS managed policies whose names have hyphens, by their names without them (`AWSLambdaInvocationDynamoDB`). */
const NAMES_WITHOUT_HYPHENS = onFirstUse(() => {
  const names = new Map<string, string>();
  for (const name of awsManagedPolicyNames())
    if (name.includes('-')) names.set(name.replace(/-/g, ''), name);
  return names;
});

/**
 * The ARN of an AWS managed policy, by the name a key of @pulumi/aws's
 * `aws.iam.ManagedPolicy` (see RENAMED_MANAGED_POLICIES) or
 * `aws.iam.ManagedPolicies` gives, with the policy's path as @pulumi/aws
 * writes it (`AWSLambdaBasicExecutionRole` →
 * `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`); for
 * a policy AWS has deleted, without one.
 */
function managedPolicyArn(name: string): string {
  const known = awsManagedPolicyArn(name);
  if (known) return known;
  const hyphenated = NAMES_WITHOUT_HYPHENS().get(name);
  return (
    (hyphenated && awsManagedPolicyArn(hyphenated)) ??
    `arn:aws:iam::aws:policy/${name}`
  );
}

/** `aws.lambda.Runtime.NodeJS20dX` → `nodejs20.x` (`Python3d12` → python3.12, `Java8AL2` → java8.al2, `Go1dx` → go1.x). */
function lambdaRuntime(name: string): Value {
  const custom = CUSTOM_RUNTIMES[name];
  if (custom) return custom;
  const match = /^([A-Za-z]+?)(\d+(?:d\d+)*)(d[Xx])?(AL2)?$/.exec(name);
  if (!match) return unknown(`runtime ${name}`);
  return `${match[1].toLowerCase()}${match[2].replace(/d/g, '.')}${
    match[3] ? '.x' : ''
  }${match[4] ? '.al2' : ''}`;
}

/**
 * What `aws.iam.getPolicyDocument(args)` gives (also a Pulumi YAML program's
 * `fn::invoke` of `aws:iam:getPolicyDocument`): its `json` (and
 * `minifiedJson`) is the document's JSON text, its statements merged with those of the documents it names
 * (`sourceJson`, `sourcePolicyDocuments`, `overridePolicyDocuments`,
 * `overrideJson`) as the provider merges them.
 */
export function getPolicyDocument(
  args: JsValue,
  attribute: (resource: ResourceHandle, name: string) => Value,
  lines: LinesOfFile,
): { json: JsValue; minifiedJson: JsValue } {
  const document = mergedPolicyDocument(args, attribute, lines);
  return { json: document, minifiedJson: document };
}

/** The JSON text of a getPolicyDocument's document, merged with the documents it names. */
function mergedPolicyDocument(
  args: JsValue,
  attribute: (resource: ResourceHandle, name: string) => Value,
  lines: LinesOfFile,
): JsValue {
  if (!isPlainObject(args)) return unknown('policy document');
  // Each document is JSON text: another getPolicyDocument's `json`, `JSON.stringify(...)`, a string, or an output not known.
  const documents = (argument: string, list: boolean) =>
    mergedDocuments(toGraphValue(args[argument], attribute, lines, true), {
      argument,
      list,
      read: text => readJsonDocument(text) ?? unknown('policy document'),
    });
  const sources = [
    ...documents('sourceJson', false),
    ...documents('sourcePolicyDocuments', true),
  ];
  const overrides = [
    ...documents('overridePolicyDocuments', true),
    ...documents('overrideJson', false),
  ];
  // A document that merges others may have no statements of its own.
  const document = toGraphValue(
    policyDocument(args, sources.length > 0 || overrides.length > 0),
    attribute,
    lines,
    true,
  );
  if (!isMap(document)) return unknown('policy document');
  return new JsonText(
    mergePolicyDocuments(
      document,
      lineOfNode(document.Statement),
      sources,
      overrides,
    ),
  );
}

/** `aws.iam.getPolicyDocument({ statements })` arguments as an IAM policy document of its own statements. */
function policyDocument(
  args: { [key: string]: JsValue },
  mergesOthers: boolean,
): JsValue {
  const statements = args.statements ?? (mergesOthers ? [] : undefined);
  if (!Array.isArray(statements)) return undefined;
  const Statement = statements.map(statement => {
    if (!isPlainObject(statement)) return unknown('statement');
    const out: { [key: string]: JsValue } = {
      Effect: statement.effect ?? 'Allow',
    };
    if (statement.sid !== undefined) out.Sid = statement.sid;
    if (statement.actions !== undefined) out.Action = statement.actions;
    if (statement.notActions !== undefined)
      out.NotAction = statement.notActions;
    if (statement.resources !== undefined) out.Resource = statement.resources;
    if (statement.notResources !== undefined)
      out.NotResource = statement.notResources;
    for (const [argument, key] of [
      ['principals', 'Principal'],
      ['notPrincipals', 'NotPrincipal'],
    ] as const) {
      const blocks = statement[argument];
      if (blocks === undefined) continue;
      const principal = Array.isArray(blocks)
        ? statementPrincipal<JsValue>(
            blocks.map(block => (isPlainObject(block) ? block : {})),
          )
        : unknown(argument);
      if (principal !== undefined) out[key] = principal;
    }
    if (Array.isArray(statement.conditions)) {
      const condition: { [key: string]: { [key: string]: JsValue } } = {};
      for (const item of statement.conditions) {
        if (
          isPlainObject(item) &&
          typeof item.test === 'string' &&
          typeof item.variable === 'string'
        ) {
          condition[item.test] = {
            ...condition[item.test],
            [item.variable]: item.values,
          };
        }
      }
      out.Condition = condition;
    }
    return out;
  });
  return { Version: args.version ?? '2012-10-17', Statement };
}

/**
 * A program's value as a graph value: resources become references,
 * functions and classes unknowns; `JSON.stringify` results stay JsonText
 * for the property conversion to read. Objects and lists keep the lines
 * `lines` says are lines of the resource's file (those written in another
 * file have lines of that file: the resource's line stands for them, or
 * where its file set their keys). What it holds past {@link MAX_VALUE_SIZE}
 * is not known: a program's objects may hold one another many times over
 * (`c = sfn.Condition.and(c, c)` again and again), and the graph value
 * holds each copy. `aws.config.region` is the region it stands for as an
 * argument; in JSON text (`inText`) it stays the stack's region, as in any
 * text (see ConfiguredRegion), also where the program parses that text back.
 */
export function toGraphValue(
  value: JsValue,
  attribute: (resource: ResourceHandle, name: string) => Value,
  lines: LinesOfFile = LINES_OF_ONE_FILE,
  inText = false,
): Value {
  return graphValueWithin(
    { left: MAX_VALUE_SIZE, made: new Map(), inText },
    value,
    attribute,
    lines,
  );
}

/**
 * {@link toGraphValue}, taking the size of what it makes (see sizeOf) from
 * `budget`. A list or object met again is the graph value `made` of it the
 * first time, its size taken again: made once, not once per copy.
 */
function graphValueWithin(
  budget: { left: number; made: Map<object, Value>; inText: boolean },
  value: JsValue,
  attribute: (resource: ResourceHandle, name: string) => Value,
  lines: LinesOfFile,
): Value {
  if (value === undefined) return null;
  // An instance of a class extending Array, Map or Set is written as that list, Map or Set.
  if (value instanceof Instance && value.base)
    return graphValueWithin(budget, value.base, attribute, lines);
  const made =
    typeof value === 'object' && value !== null
      ? budget.made.get(value)
      : undefined;
  if (made !== undefined) {
    const size = sizeOf(made);
    if (size > budget.left) return tooLargeValue();
    budget.left -= size;
    return made;
  }
  // Text counts its characters, JSON text its value's size, anything else one (and a list or map then what it holds).
  let size = 1;
  if (value instanceof JsonText) size = sizeOf(value.value);
  else if (typeof value === 'string' || value instanceof Template)
    size = sizeOf(value);
  if (size > budget.left) return tooLargeValue();
  budget.left -= size;
  // JSON text built in another file has lines of that file, none of this one's.
  if (value instanceof JsonText)
    return (lines.written(value)
      ? value
      : new JsonText(
          withoutLines(value.value),
          value.writtenAt,
        )) as unknown as Value;
  const resource = resourceOf(value);
  if (resource) return new Ref(resource.id);
  const held = heldNotKnown(value);
  if (held) {
    // It may still hold what it was given: a stack export of it may name those resources.
    const reason =
      value instanceof Unknown
        ? value.reason
        : 'an object code not known may have changed';
    const notKnown = value instanceof Unknown ? value : unknown(reason);
    // An object that holds itself is not gone through again.
    budget.made.set(value as object, notKnown);
    const result =
      computedFromResources(
        reason,
        held.map(item => graphValueWithin(budget, item, attribute, lines)),
      ) ?? notKnown;
    budget.made.set(value as object, result);
    return result;
  }
  // As an argument, the region itself; in text, the stack's region (see ConfiguredRegion).
  if (value instanceof ConfiguredRegion && !budget.inText) return value.region;
  if (
    value instanceof Ref ||
    value instanceof Unknown ||
    value instanceof Template
  )
    return value;
  // A list or object that holds itself (`registry.self = registry`) holds, there, what a graph value cannot.
  if (Array.isArray(value) || isPlainObject(value))
    budget.made.set(value, unknown('a list or object that holds itself'));
  if (Array.isArray(value)) {
    const list = value.map(item =>
      graphValueWithin(budget, item, attribute, lines),
    );
    // Lines of its own: the program may still change the list in place (see changeList).
    const line = lineOfNode(value);
    if (line !== undefined && lines.written(value))
      recordLines(list, line, {
        items: value.map((_item, index) =>
          lineOfPath(value as Value, [index], line),
        ),
      });
    budget.made.set(value, list);
    return list;
  }
  if (isPlainObject(value)) {
    const map: ValueMap = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined)
        setEntry(map, key, graphValueWithin(budget, item, attribute, lines));
    }
    if (lines.written(value)) copyLines(value, map);
    else {
      // Its keys the resource's file set have lines there; the others, and the map itself, none.
      const assigned = lines.assigned(value);
      if (assigned) recordKeyLinesOnly(map, assigned);
    }
    budget.made.set(value, map);
    return map;
  }
  if (typeof value === 'object' && value !== null)
    return unknown('value not known statically');
  return value;
}

/**
 * The paths a relative specifier of the module `from` may name, in the order they are tried: with each extension
 * Node tries, a `.js` one first as the TypeScript module it is compiled from. Node's require() also finds
 * `./settings` as settings.json (before a folder's index); an import needs the extension written.
 */
export function modulePaths(
  from: string,
  specifier: string,
  how: 'import' | 'require',
): string[] {
  const base = joinPath(folderOf(from), specifier);
  return (how === 'require' ? REQUIRE_EXTENSIONS : MODULE_EXTENSIONS).flatMap(
    extension => [(base + extension).replace(/\.js$/, '.ts'), base + extension],
  );
}

/** Joins a relative module specifier to a folder, resolving `.` and `..`. */
export function joinPath(folder: string, relative: string): string {
  const parts = folder ? folder.split('/') : [];
  for (const segment of relative.split('/')) {
    if (segment === '.' || segment === '') continue;
    // Above the scanned root, a path stays there (`../x`) and names none of its files.
    if (
      segment === '..' &&
      parts.length > 0 &&
      parts[parts.length - 1] !== '..'
    )
      parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** The index of each item of a list, not known after an item that stands for items not known in number (see {@link itemsNotKnown}). */
function indexesOf(items: readonly JsValue[]): JsValue[] {
  const firstNotKnown = items.findIndex(isItemsNotKnown);
  return items.map((_item, index) =>
    firstNotKnown >= 0 && index > firstNotKnown
      ? unknown('index after an item not known')
      : index,
  );
}

/** The members of `aws.iam.getPolicy`'s result (GetPolicyResult) besides its ARN and name. */
const POLICY_RESULT_MEMBERS = [
  'attachmentCount',
  'description',
  'path',
  'pathPrefix',
  'policy',
  'policyId',
  'tags',
];

/**
 * `aws.iam.getPolicy({ arn })` or `({ name, pathPrefix })` that finds an
 * AWS managed policy, whose document is known: its ARN (also its `id`) as
 * an AWS managed policy's is written, whatever account the invoke options
 * name (every account has them). Undefined for any other policy, a
 * customer managed one's (what it grants is not known). A YAML program's
 * `fn::invoke` of `aws:iam:getPolicy` too.
 */
export function awsManagedPolicyLookedUp(args: JsValue[]): JsValue | undefined {
  const [query] = args;
  if (!isPlainObject(query) || isOpened(query)) return undefined;
  const { arn, name, pathPrefix = '/' } = query;
  let found: string | undefined;
  if (arn !== undefined) {
    if (typeof arn === 'string' && awsManagedPolicyName(arn) !== undefined)
      found = arn;
  } else if (typeof name === 'string' && typeof pathPrefix === 'string')
    found = awsManagedPolicyArnUnder(name, pathPrefix);
  if (found === undefined) return undefined;
  const policy: Record<string, JsValue> = {
    arn: found,
    id: found,
    name: awsManagedPolicyName(found),
  };
  for (const member of POLICY_RESULT_MEMBERS)
    policy[member] = unknown(`${member} of the IAM policy ${found}`);
  return policy;
}

/** The members of `aws.iam.getRole`'s result (GetRoleResult). */
const ROLE_RESULT_MEMBERS = [
  'assumeRolePolicy',
  'createDate',
  'description',
  'maxSessionDuration',
  'path',
  'permissionsBoundary',
  'roleLastUseds',
  'tags',
  'uniqueId',
];

/**
 * `aws.iam.getRole({ name: 'x' })` with the default provider (no invoke
 * options, which may name another account's): the role named `x`, whose ARN
 * is one value, the same wherever a role of that name is read. Undefined for
 * a name not written out.
 */
function roleByName(args: JsValue[]): JsValue | undefined {
  const [query, options] = args;
  if (
    options !== undefined ||
    !isPlainObject(query) ||
    isOpened(query) ||
    typeof query.name !== 'string'
  )
    return undefined;
  const role: Record<string, JsValue> = {
    arn: Unknown.oneValue(`ARN of the IAM role named ${query.name}`),
    id: query.name,
    name: query.name,
  };
  for (const member of ROLE_RESULT_MEMBERS)
    role[member] = unknown(`${member} of the IAM role named ${query.name}`);
  return role;
}
