/**
 * Pulumi YAML programs (`runtime: yaml`): the `resources`, `variables` and
 * `outputs` of `Pulumi.yaml` or `Main.yaml`, read statically. Each resource
 * is declared to the host as the TypeScript interpreter declares
 * `new aws.x.Y(name, args)`, with `${res.prop}` as `res.prop` would be there:
 * the host builds the graph the same way for both.
 */
import { copyLines, lastLineWithin, lineOfPath } from '../../graph/locations';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  concatWithinMaxSize,
  isMap,
  setEntry,
} from '../../graph/values';
import { JsonText, jsonTextValue } from './documents';
import {
  JsValue,
  LINES_OF_ONE_FILE,
  ResourceCall,
  ResourceHandle,
  WayNumbers,
  awsManagedPolicyLookedUp,
  getPolicyDocument,
  isPlainObject,
  toGraphValue,
} from './interpreter';

export interface YamlProgramHost {
  createResource(call: ResourceCall): ResourceHandle;
  output(name: string, value: JsValue, line: number): void;
  defaultTags(): void;
  /** A config key's value (`${key}`, `${aws:region}`): when not known statically, an Unknown naming the key. */
  config(key: string): { value: JsValue };
  /** What a resource of a type not modelled (another provider, awsx) is handed. */
  unknownCall(args: JsValue[]): void;
  attribute(resource: ResourceHandle, name: string): Value;
  /** The default AWS provider's region, where known (see ProgramHost.defaultRegion). */
  defaultRegion?: string;
}

/** `aws:lambda:Function`, `aws:lambda/function:Function`: the module and the class. */
const AWS_TYPE = /^aws:(\w+)(?:\/\w+)?:(\w+)$/;
const AWS_PROVIDER = 'pulumi:providers:aws';
/** `${name}`, `${name.prop[0]["key"]}`: a name, then property accesses. */
const INTERPOLATION = /\$\{([^}]*)\}/g;
const ACCESS = /^(?:\.([\w$-]+)|\[(\d+)\]|\["([^"]*)"\])/;

/**
 * One run of a program: each resource is declared when first referenced
 * or in its turn, whichever is first (Pulumi orders them by their
 * references), and a reference that loops back is not known.
 */
class YamlProgram {
  readonly resources: ValueMap;
  private readonly variables: ValueMap;
  /** The region of the provider of a resource whose options name none, where known (see YamlProgramHost.defaultRegion). */
  private readonly defaultRegion: string | undefined;
  /** What each name of the program stands for, once evaluated. */
  private readonly values = new Map<string, JsValue>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly file: string,
    program: ValueMap,
    private readonly host: YamlProgramHost,
    private readonly ways: WayNumbers,
  ) {
    this.resources = mapOf(program.resources);
    this.variables = mapOf(program.variables);
    // A provider declared the default one (`defaultProvider: true`) makes what names none.
    this.defaultRegion = Object.values(this.resources).some(
      declaration =>
        isMap(declaration) &&
        declaration.type === AWS_PROVIDER &&
        Object.entries(declaration).some(
          ([key, value]) =>
            key.toLowerCase() === 'defaultprovider' && value !== false,
        ),
    )
      ? undefined
      : host.defaultRegion;
  }

  /** A resource, a variable or a config key, by its name (Pulumi refuses a program that gives one name to two, see refusedNames). */
  named(name: string): JsValue {
    if (this.values.has(name)) return this.values.get(name);
    if (this.evaluating.has(name))
      return new Unknown(`${name}, which refers to itself`);
    this.evaluating.add(name);
    let value: JsValue;
    if (Object.hasOwn(this.resources, name)) value = this.declare(name);
    else if (Object.hasOwn(this.variables, name))
      value = this.evaluate(this.variables[name]);
    else value = this.host.config(name).value;
    this.evaluating.delete(name);
    this.values.set(name, value);
    return value;
  }

  private declare(name: string): JsValue {
    const declaration = this.resources[name];
    if (!isMap(declaration) || typeof declaration.type !== 'string')
      return new Unknown(`resource ${name}`);
    const args = this.evaluate(declaration.properties ?? {});
    // `get:` reads a resource that exists: the stack does not declare it.
    if (declaration.get !== undefined)
      return new Unknown(`existing resource ${name}`);
    if (declaration.type === AWS_PROVIDER) {
      if (isPlainObject(args) && args.defaultTags !== undefined)
        this.host.defaultTags();
      return new Unknown('provider');
    }
    const pulumiType = awsPulumiType(declaration.type);
    if (!pulumiType) {
      this.host.unknownCall([args]);
      return new Unknown(`${declaration.type} ${name}`);
    }
    const step = {
      file: this.file,
      position: Object.keys(this.resources).indexOf(name),
    };
    const line = lineOfPath(this.resources, [name], 1);
    return this.host.createResource({
      pulumiType,
      sourceType: declaration.type,
      name,
      nameText: name,
      args,
      file: this.file,
      line,
      lastLine: lastLineWithin(this.resources[name], line),
      mayNotRun: false,
      inLoopNotKnown: false,
      path: [step],
      way: this.ways.extend(0, step),
      linesHere: LINES_OF_ONE_FILE,
      // Options that name no provider and no parent leave it the default provider's.
      providerRegion: usesDefaultProvider(declaration.options)
        ? this.defaultRegion
        : undefined,
    });
  }

  evaluate(value: Value): JsValue {
    if (typeof value === 'string')
      return value.includes('${') ? this.interpolate(value) : value;
    if (Array.isArray(value)) {
      const list = value.map(item => this.evaluate(item));
      copyLines(value, list);
      return list;
    }
    if (!isMap(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0].startsWith('fn::'))
      return this.builtin(keys[0].slice('fn::'.length), value[keys[0]]);
    const out: Record<string, JsValue> = {};
    for (const key of keys) setEntry(out, key, this.evaluate(value[key]));
    copyLines(value, out);
    return out;
  }

  /** A string with `${...}`: the value alone, or a template of its parts; `$${` is a literal `${`. */
  private interpolate(text: string): JsValue {
    const whole = /^\$\{([^}]*)\}$/.exec(text);
    if (whole) return this.reference(whole[1]);
    const parts: Value[] = [];
    let last = 0;
    for (const match of text.matchAll(INTERPOLATION)) {
      if (text[match.index! - 1] === '$') continue;
      parts.push(
        text.slice(last, match.index),
        stringPart(this.reference(match[1])),
      );
      last = match.index! + match[0].length;
    }
    parts.push(text.slice(last));
    return concatWithinMaxSize(
      parts.map(part =>
        typeof part === 'string' ? part.replace(/\$\$\{/g, '${') : part,
      ),
    );
  }

  /** `name.prop[0]`: a resource's attribute, or what a variable or config value holds there. */
  private reference(expression: string): JsValue {
    const trimmed = expression.trim();
    const root = /^[\w-]+(?::[\w-]+)?/.exec(trimmed);
    if (!root) return new Unknown(`\${${expression}}`);
    // `${pulumi.stack}`, `${pulumi.project}`: the deployment's, as `pulumi.getStack()`.
    let value =
      root[0] === 'pulumi'
        ? new Unknown('pulumi deployment')
        : this.named(root[0]);
    let rest = trimmed.slice(root[0].length);
    while (rest) {
      const access = ACCESS.exec(rest);
      if (!access) return new Unknown(`\${${expression}}`);
      rest = rest.slice(access[0].length);
      value = this.member(value, access[1] ?? access[3] ?? Number(access[2]));
    }
    return value;
  }

  private member(value: JsValue, key: string | number): JsValue {
    if (value instanceof ResourceHandle && typeof key === 'string')
      return this.host.attribute(value, key);
    if (Array.isArray(value) && typeof key === 'number')
      return value[key] ?? new Unknown('item not in the list');
    if (
      isPlainObject(value) &&
      typeof key === 'string' &&
      Object.hasOwn(value, key)
    )
      return value[key];
    return new Unknown(`${key} of a value not known statically`);
  }

  /** `fn::<name>: argument`; what is not listed (assets, files) is not known statically. */
  private builtin(name: string, argument: Value): JsValue {
    const args = this.evaluate(argument);
    const [first, second] = Array.isArray(args) ? args : [];
    switch (name) {
      case 'toJSON':
        return new JsonText(toGraphValue(args, this.host.attribute));
      case 'secret':
        return args;
      case 'join':
        return typeof first === 'string' && Array.isArray(second)
          ? concatWithinMaxSize(
              second.flatMap((item, index) =>
                index ? [first, stringPart(item)] : [stringPart(item)],
              ),
            )
          : new Unknown('fn::join');
      case 'split':
        return typeof first === 'string' && typeof second === 'string'
          ? second.split(first)
          : new Unknown('fn::split');
      case 'select':
        return typeof first === 'number' && Array.isArray(second)
          ? second[first] ?? new Unknown('fn::select')
          : new Unknown('fn::select');
      case 'invoke':
        return this.invoke(args);
      default:
        return new Unknown(`fn::${name}`);
    }
  }

  /**
   * `fn::invoke: { function, arguments, return }` (older programs write
   * `Function`, `Arguments`, `Return`): `aws:iam:getPolicyDocument` gives
   * what `aws.iam.getPolicyDocument` gives in TypeScript (`return: json`, its
   * `json`), `aws:iam:getPolicy` an AWS managed policy's ARN as
   * `aws.iam.getPolicy` does; what other functions give is not known
   * statically.
   */
  private invoke(invoke: JsValue): JsValue {
    if (!isPlainObject(invoke)) return new Unknown('fn::invoke');
    const field = (key: string) =>
      invoke[key] ?? invoke[key[0].toUpperCase() + key.slice(1)];
    const token = field('function');
    const invoked =
      typeof token === 'string' ? awsPulumiType(token) : undefined;
    const notKnown = new Unknown(
      `fn::invoke of ${typeof token === 'string' ? token : 'a function'}`,
    );
    let result: JsValue;
    if (invoked === 'iam.getPolicyDocument')
      result = getPolicyDocument(
        field('arguments'),
        this.host.attribute,
        LINES_OF_ONE_FILE,
      );
    else if (invoked === 'iam.getPolicy')
      result = awsManagedPolicyLookedUp([field('arguments')]) ?? notKnown;
    else return notKnown;
    const returned = field('return');
    if (returned === undefined) return result;
    return typeof returned === 'string'
      ? this.member(result, returned)
      : new Unknown('fn::invoke return');
  }
}

/** The sections whose names a program's `${name}` reads, in the order Pulumi YAML takes them in. */
const NAMED_SECTIONS = [
  ['configuration', 'config value'],
  ['resources', 'resource'],
  ['variables', 'variable'],
] as const;

/**
 * Why Pulumi YAML refuses to run a program (none of it is deployed), by
 * line: a name given twice across its `configuration`, `resources` and
 * `variables` (which `${name}` would read could not be told), or the name
 * `pulumi`, which it keeps for the deployment's values.
 */
export function refusedNames(
  program: ValueMap,
): { line: number; message: string }[] {
  const seen = new Map<string, string>();
  const refused: { line: number; message: string }[] = [];
  for (const [section, kind] of NAMED_SECTIONS) {
    const names = mapOf(program[section]);
    for (const name of Object.keys(names)) {
      const line = lineOfPath(names, [name], 1);
      const other = seen.get(name);
      if (name === 'pulumi')
        refused.push({
          line,
          message: `${kind} pulumi uses the reserved name pulumi`,
        });
      else if (other)
        refused.push({
          line,
          message: `${kind} ${name} cannot have the same name as ${other} ${name}`,
        });
      else seen.set(name, kind);
    }
  }
  return refused;
}

/** Runs a program, declaring its resources and outputs to the host. */
export function runYamlProgram(
  file: string,
  program: ValueMap,
  host: YamlProgramHost,
  ways: WayNumbers,
): void {
  const run = new YamlProgram(file, program, host, ways);
  for (const name of Object.keys(run.resources)) run.named(name);
  const outputs = mapOf(program.outputs);
  for (const [name, value] of Object.entries(outputs))
    host.output(name, run.evaluate(value), lineOfPath(outputs, [name], 1));
}

/** Whether a resource's `options` leave it the default provider: none, or none that name a provider or a parent. */
function usesDefaultProvider(options: Value | undefined): boolean {
  return (
    options === undefined ||
    (isMap(options) &&
      ['provider', 'providers', 'parent'].every(
        key => options[key] === undefined,
      ))
  );
}

/** `lambda.Function` for `aws:lambda:Function` or `aws:lambda/function:Function` (a function: `iam.getPolicyDocument`); undefined for another package's type. */
export function awsPulumiType(token: string): string | undefined {
  const aws = AWS_TYPE.exec(token);
  return aws ? `${aws[1]}.${aws[2]}` : undefined;
}

/** A value inside a string. */
function stringPart(value: JsValue): Value {
  if (value instanceof JsonText) return jsonTextValue(value);
  if (value instanceof ResourceHandle) return new Ref(value.id);
  if (
    value instanceof Ref ||
    value instanceof Unknown ||
    value instanceof Template
  )
    return value;
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? value
    : new Unknown('a list or object in a string');
}

function mapOf(value: Value | undefined): ValueMap {
  return isMap(value) ? value : {};
}
