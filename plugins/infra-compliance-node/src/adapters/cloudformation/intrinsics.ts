/**
 * Evaluates CloudFormation intrinsic functions into graph values.
 *
 * Inputs that are known (parameter defaults, mappings, conditions over them)
 * are folded; references to resources become {@link Ref} edges; everything
 * else (pseudo parameters, imports, parameters without defaults) becomes
 * {@link Unknown}, never a guess.
 */
import {
  copyLines,
  lastChildLine,
  lineOfNode,
  lineOfPath,
  recordLines,
} from '../../graph/locations';
import {
  MAX_VALUE_SIZE,
  Ref,
  Unknown,
  Value,
  importOf,
  setEntry,
  sizeOfAll,
  tooLargeValue,
} from '../../graph/values';
import { WrittenText } from '../../graph/writtenText';

/** Marks `!Ref AWS::NoValue`: the property is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
type Evaluated = Value | typeof NO_VALUE;

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

type Raw = unknown;

const OPEN_BRACE = '{'.charCodeAt(0);
const CLOSE_BRACE = '}'.charCodeAt(0);

/** The parts of an `Fn::Sub` written in its text: the even ones, between the variables. */
const isEven = (index: number) => index % 2 === 0;
type RawMap = Record<string, Raw>;

function hasOwn(map: RawMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** The value under a key the map itself holds (none of Object's members); undefined without a map. */
function ownEntry(map: RawMap | undefined, key: string): Raw {
  return map !== undefined && hasOwn(map, key) ? map[key] : undefined;
}

function isRawMap(value: Raw): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a key names an intrinsic function (`Ref`, `Fn::*`, `Condition`): a map of it alone stands for the function. */
function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::') || key === 'Condition';
}

/** The intrinsic a map stands for, when it is a one-key `Ref`/`Fn::*`/`Condition` map. */
function intrinsicOf(value: RawMap): string | undefined {
  let only: string | undefined;
  // Stops at the second key: cheaper than listing every key of every map.
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (only !== undefined) return undefined;
    only = key;
  }
  return only !== undefined && isIntrinsicKey(only) ? only : undefined;
}

/**
 * Where a resource's properties read parameters' defaults (see
 * {@link IntrinsicEvaluator.evaluateProperties}): from `line` to the end of
 * the value on `through` (`line` when not given).
 */
export interface LinesFromDefault {
  line: number;
  through?: number;
}

export interface TemplateSections {
  Parameters?: RawMap;
  Mappings?: RawMap;
  Conditions?: RawMap;
}

/** Most combinations of parameter values {@link IntrinsicEvaluator.conditionsMayHoldTogether} tries. */
const MOST_CONDITION_PROBES = 256;
/** A parameter's value that is none of the texts a template compares it with. */
const NONE_OF_THE_TEXTS = '\u0000none of the texts';

export class IntrinsicEvaluator {
  /** How strings built from parameters read as written: the parameters are the deployer's to choose. */
  readonly writtenText = new WrittenText();
  private readonly parameters = new Map<string, Value>();
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly evaluatingConditions = new Set<string>();
  /** Conditions whose value was decided by a parameter's default. */
  private readonly conditionsOnDefaults = new Set<string>();
  private defaultReads = 0;
  private defaultDecisions = 0;
  /**
   * Where evaluation read a default (see {@link evaluateProperties}): an
   * intrinsic function under `key` of `holder`, or without a key, a map
   * whose list holds one.
   */
  private readonly defaultSites: {
    holder: RawMap | Raw[];
    key?: string | number;
  }[] = [];
  /**
   * What CloudFormation refuses in the conditions evaluation met, by line
   * and message: a name a condition's `Condition` uses that Conditions does
   * not declare, a condition that depends on itself. Meaningful only where
   * the template's conditions are all known.
   */
  readonly conditionProblems = new Map<
    string,
    { line: number; message: string }
  >();

  constructor(
    private readonly sections: TemplateSections,
    private readonly resourceIds: ReadonlySet<string>,
    /** Whether parameters take their defaults, or are all not known (what a rule can prove without them). */
    defaults: 'read' | 'not known' = 'read',
    /** Names SAM resolves to a resource it generates (`MyFunction.Alias`), with that resource's id. */
    private readonly generatedReferences: ReadonlyMap<
      string,
      string
    > = new Map(),
  ) {
    for (const [name, declaration] of Object.entries(
      sections.Parameters ?? {},
    )) {
      const value =
        defaults === 'read'
          ? parameterValue(name, declaration)
          : Unknown.oneValue(`parameter ${name}`);
      this.parameters.set(name, value);
      this.writtenText.input(value);
    }
  }

  /** Evaluates a property value; `undefined` when it evaluates to `AWS::NoValue`. */
  evaluate(raw: Raw): Value | undefined {
    const value = this.eval(raw);
    return value === NO_VALUE ? undefined : value;
  }

  /** Whether any evaluation so far read a parameter's default. */
  get readDefaults(): boolean {
    return this.defaultReads > 0;
  }

  /**
   * Whether a default decided what some evaluation so far gave: a condition
   * over one (`!If [IsProd, …]`), or a value a default removed.
   */
  get decidedByDefaults(): boolean {
    return this.defaultDecisions > 0;
  }

  /**
   * Evaluates a resource's properties (see {@link evaluate}), and says
   * where they read a parameter's default, if they did: each intrinsic
   * function that read one, and each map below `raw` that holds such a
   * function or a list of them (a policy statement).
   */
  evaluateProperties(raw: Raw): {
    value: Value | undefined;
    linesFromDefaults?: LinesFromDefault[];
  } {
    const readsBefore = this.defaultReads;
    const sitesBefore = this.defaultSites.length;
    const value = this.evaluate(raw);
    if (this.defaultReads === readsBefore) return { value };
    const sites = this.defaultSites.splice(sitesBefore);
    // Read where no site says (`Properties: !If […]`): what the resource holds rests on it.
    if (sites.length === 0) this.defaultDecisions++;
    const lines: LinesFromDefault[] = [];
    const holders = new Set<object>();
    for (const { holder, key } of sites) {
      if (key !== undefined) {
        const line = lineOfPath(holder as Value, [key], 0);
        if (line > 0) lines.push({ line });
      }
      if (holder === raw || Array.isArray(holder) || holders.has(holder))
        continue;
      holders.add(holder);
      const first = lineOfNode(holder);
      if (first !== undefined)
        lines.push({ line: first, through: lastChildLine(holder) ?? first });
    }
    return { value, linesFromDefaults: lines };
  }

  /**
   * Evaluates an output's value (see {@link evaluate}), and says whether it
   * read a parameter's default. What a default decides there (which
   * resource the output names) is the output's alone: it does not count
   * among what defaults decide in the stack (see {@link decidedByDefaults}).
   */
  evaluateOutput(raw: Raw): { value: Value | undefined; readDefault: boolean } {
    const [readsBefore, decisionsBefore, sitesBefore] = [
      this.defaultReads,
      this.defaultDecisions,
      this.defaultSites.length,
    ];
    const value = this.evaluate(raw);
    this.defaultDecisions = decisionsBefore;
    this.defaultSites.length = sitesBefore;
    return { value, readDefault: this.defaultReads !== readsBefore };
  }

  /** Whether a named condition's value, once evaluated, rests on a parameter's default. */
  conditionRestsOnDefaults(name: string): boolean {
    return this.conditionsOnDefaults.has(name);
  }

  /**
   * Evaluates every declared condition once, in order, so that what
   * CloudFormation refuses in them is noted (see {@link conditionProblems})
   * whether or not the stack uses them. What they read of defaults counts
   * only where they are used, as before.
   */
  checkConditions(): void {
    const [reads, decisions, sites] = [
      this.defaultReads,
      this.defaultDecisions,
      this.defaultSites.length,
    ];
    for (const name of Object.keys(this.sections.Conditions ?? {}))
      this.condition(name);
    this.defaultReads = reads;
    this.defaultDecisions = decisions;
    this.defaultSites.length = sites;
  }

  /** A named condition's value with parameter defaults; undefined when not known. */
  condition(name: string): boolean | undefined {
    if (this.conditionCache.has(name)) {
      if (this.conditionsOnDefaults.has(name)) this.defaultReads++;
      return this.conditionCache.get(name);
    }
    if (this.evaluatingConditions.has(name)) {
      const cycle = [...this.evaluatingConditions].slice(
        [...this.evaluatingConditions].indexOf(name),
      );
      const line = lineOfPath(this.sections.Conditions as Value, [name], 1);
      this.noteConditionProblem(
        line,
        `the condition ${name} depends on itself (${[...cycle, name].join(
          ' → ',
        )})`,
      );
      return undefined;
    }
    this.evaluatingConditions.add(name);
    const readsBefore = this.defaultReads;
    const result = this.conditionValue(
      ownEntry(this.sections.Conditions, name),
    );
    this.evaluatingConditions.delete(name);
    this.conditionCache.set(name, result);
    if (this.defaultReads > readsBefore) this.conditionsOnDefaults.add(name);
    return result;
  }

  /**
   * Whether two named conditions may both hold in one deployment: not when,
   * for every value each parameter they read may take (its AllowedValues,
   * else each text the conditions compare with and one that is none of
   * them), one of them is false. A parameter of a list type, or more
   * combinations of values than {@link MOST_CONDITION_PROBES}, and they may.
   */
  conditionsMayHoldTogether(first: string, second: string): boolean {
    const parameters = this.sections.Parameters ?? {};
    const read = new Set<string>();
    const texts = new Set<string>();
    // The conditions to read, the two and those their formulas name, each once.
    const conditions = [first, second];
    let untried = false;
    const walk = (raw: Raw): void => {
      if (Array.isArray(raw)) raw.forEach(walk);
      else if (!isRawMap(raw)) {
        if (isScalar(raw as Evaluated)) texts.add(String(raw));
      } else if (typeof raw.Ref === 'string') {
        if (hasOwn(parameters, raw.Ref)) read.add(raw.Ref);
      } else if (raw['Fn::Sub'] !== undefined) {
        // `!Sub '${Env}'` reads the parameter as it is; in a longer text (`${Env}-a`), the texts the conditions
        // compare with are not its values: what it may be is not tried.
        const sub = raw['Fn::Sub'];
        const text = Array.isArray(sub) ? sub[0] : sub;
        if (typeof text === 'string') {
          for (const [whole, name] of text.matchAll(/\$\{([^}!]+)\}/g)) {
            if (!hasOwn(parameters, name.trim())) continue;
            read.add(name.trim());
            if (whole !== text) untried = true;
          }
        }
        walk(sub);
      } else if (typeof raw.Condition === 'string') {
        if (!conditions.includes(raw.Condition)) conditions.push(raw.Condition);
      } else {
        for (const key in raw) if (hasOwn(raw, key)) walk(raw[key]);
      }
    };
    for (let index = 0; index < conditions.length; index++)
      walk(ownEntry(this.sections.Conditions, conditions[index]));
    if (untried) return true;
    const choices: { name: string; values: Raw[] }[] = [];
    let combinations = 1;
    for (const name of read) {
      const declaration = parameters[name];
      const type =
        isRawMap(declaration) && typeof declaration.Type === 'string'
          ? declaration.Type
          : 'String';
      if (type !== 'String' && type !== 'Number') return true;
      const allowed = isRawMap(declaration)
        ? declaration.AllowedValues
        : undefined;
      const values =
        Array.isArray(allowed) &&
        allowed.every(value => isScalar(value as Evaluated))
          ? allowed
          : [...texts, NONE_OF_THE_TEXTS];
      choices.push({ name, values });
      combinations *= values.length;
      if (combinations > MOST_CONDITION_PROBES) return true;
    }
    const given: RawMap = { ...parameters };
    const tryFrom = (index: number): boolean => {
      if (index === choices.length) {
        const probe = new IntrinsicEvaluator(
          { ...this.sections, Parameters: given },
          this.resourceIds,
        );
        return (
          probe.condition(first) !== false && probe.condition(second) !== false
        );
      }
      const { name, values } = choices[index];
      return values.some(value => {
        given[name] = { ...(parameters[name] as RawMap), Default: value };
        return tryFrom(index + 1);
      });
    };
    return tryFrom(0);
  }

  private noteConditionProblem(line: number, message: string): void {
    this.conditionProblems.set(`${line}\u0000${message}`, { line, message });
  }

  /**
   * A `Condition` on `line`, in the condition being evaluated, names a
   * condition: CloudFormation refuses a name Conditions does not declare.
   * (`Fn::If` in resources is checked where it is written: see the adapter.)
   */
  private noteConditionUse(name: string, line: number | undefined): void {
    const using = [...this.evaluatingConditions].at(-1);
    if (
      using !== undefined &&
      line !== undefined &&
      !hasOwn(this.sections.Conditions ?? {}, name)
    ) {
      this.noteConditionProblem(
        line,
        `the condition ${using} uses the condition ${name}, which Conditions does not declare`,
      );
    }
  }

  private eval(raw: Raw): Evaluated {
    if (typeof raw !== 'object' || raw === null) return raw as Value;
    if (Array.isArray(raw)) return this.evalList(raw);
    return this.evalMap(raw as RawMap);
  }

  /**
   * A list with its items evaluated. Most lists hold nothing to evaluate:
   * they are shared with the parsed document (and its lines), and a copy is
   * made only from the first item that changes.
   */
  private evalList(raw: Raw[]): Evaluated {
    let items: Value[] | undefined;
    let kept: number[] | undefined;
    for (let index = 0; index < raw.length; index++) {
      const item = raw[index];
      // A scalar evaluates to itself and reads nothing.
      const readsBefore = this.defaultReads;
      const value =
        typeof item === 'object' && item !== null
          ? this.eval(item)
          : (item as Value);
      if (this.defaultReads !== readsBefore)
        this.noteDefaultSite(raw, index, value);
      if (!items && value !== item) {
        items = raw.slice(0, index) as Value[];
        kept = items.map((_, i) => i);
      }
      if (items && value !== NO_VALUE) {
        items.push(value);
        kept!.push(index);
      }
    }
    if (!items) return raw as Value[];
    const line = lineOfNode(raw);
    if (kept!.length === raw.length || line === undefined)
      copyLines(raw, items);
    // Items after a removed one keep their own lines, and their indexes as written.
    else
      recordLines(items, line, {
        items: kept!.map(index => lineOfPath(raw as Value[], [index], line)),
        writtenIndexes: kept,
      });
    return items;
  }

  /**
   * A map with its values evaluated; shared with the document until a value
   * changes. A map of one key that names an intrinsic function is that
   * function's value: its first key, where it names one, waits for a second
   * key to show it is a value (one walk of the keys, not another to count them).
   */
  private evalMap(raw: RawMap): Evaluated {
    let out: Record<string, Value> | undefined;
    let first = true;
    let waiting: string | undefined;
    // for-in rather than Object.keys: no array per map on the engine's hottest walk.
    for (const key in raw) {
      if (!hasOwn(raw, key)) continue;
      if (first) {
        first = false;
        if (isIntrinsicKey(key)) {
          waiting = key;
          continue;
        }
      } else if (waiting !== undefined) {
        out = this.evalEntry(raw, waiting, out);
        waiting = undefined;
      }
      out = this.evalEntry(raw, key, out);
    }
    if (waiting !== undefined) return this.evalFunction(raw, waiting);
    if (!out) return raw as Record<string, Value>;
    copyLines(raw, out);
    return out;
  }

  /** Evaluates the entry under `key` of a map: `copy` is the map's copy, made from the first entry that changes. */
  private evalEntry(
    raw: RawMap,
    key: string,
    copy: Record<string, Value> | undefined,
  ): Record<string, Value> | undefined {
    const entry = raw[key];
    // A scalar evaluates to itself and reads nothing.
    if (typeof entry !== 'object' || entry === null) {
      if (copy) setEntry(copy, key, entry as Value);
      return copy;
    }
    const readsBefore = this.defaultReads;
    const value = this.eval(entry);
    if (this.defaultReads !== readsBefore)
      this.noteDefaultSite(raw, key, value);
    let out = copy;
    if (!out && value !== entry) {
      out = {};
      for (const earlier in raw) {
        if (hasOwn(raw, earlier)) {
          if (earlier === key) break;
          setEntry(out, earlier, raw[earlier] as Value);
        }
      }
    }
    if (out && value !== NO_VALUE) setEntry(out, key, value);
    return out;
  }

  /** The value of a one-key map that stands for an intrinsic function, on the map's line. */
  private evalFunction(raw: RawMap, name: string): Evaluated {
    const value = this.evalIntrinsic(name, raw[name]);
    if (typeof value === 'object' && value !== null && !lineOfNode(value)) {
      const line = lineOfNode(raw);
      if (line) recordLines(value, line);
    }
    return value;
  }

  /**
   * Evaluating what `holder` holds under `key` read a default, and gave
   * `value`. Where a map or list there holds the function that read it, the
   * site is that function's own.
   */
  private noteDefaultSite(
    holder: RawMap | Raw[],
    key: string | number,
    value: Evaluated,
  ): void {
    // A value a default removed: whether it is there rests on the default.
    if (value === NO_VALUE) this.defaultDecisions++;
    const raw = (holder as RawMap)[key];
    if (isRawMap(raw) && intrinsicOf(raw))
      this.defaultSites.push({ holder, key });
    // A list of functions (`Action: [!Ref Actions]`): the map that holds it is what they belong to.
    else if (
      Array.isArray(raw) &&
      !Array.isArray(holder) &&
      raw.some(item => isRawMap(item) && intrinsicOf(item))
    ) {
      this.defaultSites.push({ holder });
    }
  }

  private evalIntrinsic(name: string, arg: Raw): Evaluated {
    switch (name) {
      case 'Ref':
        return this.ref(arg);
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::If':
        return this.fnIf(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::ImportValue': {
        // An export whose name is written out is one value wherever the stack imports it.
        const exportName = this.eval(arg);
        return typeof exportName === 'string'
          ? importOf(exportName)
          : new Unknown('import value');
      }
      case 'Fn::Base64':
      case 'Fn::ToJsonString':
        // The encoding changes nothing a rule reads; keep the content and its references.
        return this.eval(arg);
      case 'Fn::Length': {
        const list = this.eval(arg);
        return Array.isArray(list) ? list.length : new Unknown('Fn::Length');
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition': {
        const readsBefore = this.defaultReads;
        const result = this.conditionValue({ [name]: arg });
        if (result === undefined) return new Unknown(name);
        if (this.defaultReads > readsBefore) this.defaultDecisions++;
        return result;
      }
      default:
        // Fn::GetAZs, Fn::Cidr, Fn::Transform and anything newer.
        return new Unknown(name);
    }
  }

  private ref(written: Raw): Evaluated {
    const arg = this.logicalName(written);
    if (typeof arg !== 'string') return new Unknown('Ref');
    if (arg === 'AWS::NoValue') return NO_VALUE;
    if (this.parameters.has(arg)) {
      const value = this.parameters.get(arg)!;
      if (!(value instanceof Unknown)) this.defaultReads++;
      return value;
    }
    if (this.resourceIds.has(arg)) return new Ref(arg);
    const generated = this.generatedReferences.get(arg);
    if (generated !== undefined) return new Ref(generated);
    if (PSEUDO_PARAMETERS.has(arg)) return Unknown.oneValue(arg);
    return new Unknown(`Ref ${arg}`);
  }

  /**
   * The name a `Ref` or `Fn::GetAtt` names. With `AWS::LanguageExtensions`
   * it may be an intrinsic that makes it, as loops write it:
   * `!GetAtt [!Sub '${Name}Queue', Arn]`.
   */
  private logicalName(written: Raw): Raw {
    return isRawMap(written) ? this.eval(written) : written;
  }

  private getAtt(arg: Raw): Evaluated {
    let target: Raw;
    let attribute: Raw;
    if (Array.isArray(arg)) {
      target = this.logicalName(arg[0]);
      attribute = this.eval(arg[1]);
    } else if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      target = dot < 0 ? arg : arg.slice(0, dot);
      attribute = dot < 0 ? undefined : arg.slice(dot + 1);
    }
    if (typeof target === 'string' && this.resourceIds.has(target)) {
      return new Ref(
        target,
        typeof attribute === 'string' ? attribute : undefined,
      );
    }
    return new Unknown(`Fn::GetAtt ${String(target)}`);
  }

  private sub(arg: Raw): Evaluated {
    let text: Raw = arg;
    let variables: RawMap = {};
    if (Array.isArray(arg)) {
      text = arg[0];
      if (isRawMap(arg[1])) variables = arg[1];
    }
    if (typeof text !== 'string') return new Unknown('Fn::Sub');
    // The text between variables at even indexes, what each variable stands for at odd ones.
    const parts: (string | Value)[] = [];
    // Each variable evaluated once, however often the text names it: a variable may be an Fn::Sub naming its own twice.
    const evaluated = new Map<string, Value>();
    let last = 0;
    // The next `${` after a variable, or after one that starts no variable (text).
    for (
      let open = text.indexOf('${');
      open >= 0;
      open = text.indexOf('${', last > open ? last : open + 1)
    ) {
      const close = variableEnd(text, open + 2);
      if (close < 0) continue;
      parts.push(text.slice(last, open));
      last = close + 1;
      const name = text.slice(open + 2, close).trim();
      if (name.startsWith('!')) {
        parts.push(`\${${name.slice(1)}}`); // ${!Literal} is written as ${Literal}
      } else if (hasOwn(variables, name)) {
        if (!evaluated.has(name))
          evaluated.set(name, this.evaluate(variables[name]) ?? '');
        parts.push(evaluated.get(name)!);
      } else if (
        name.includes('.') &&
        !this.parameters.has(name) &&
        !this.generatedReferences.has(name)
      ) {
        const dot = name.indexOf('.');
        parts.push(
          this.getAtt([name.slice(0, dot), name.slice(dot + 1)]) as Value,
        );
      } else {
        const value = this.ref(name);
        parts.push(value === NO_VALUE ? '' : value);
      }
    }
    parts.push(text.slice(last));
    return sizeOfAll(parts) > MAX_VALUE_SIZE
      ? tooLargeValue()
      : this.writtenText.concat(parts, isEven);
  }

  private join(arg: Raw): Evaluated {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Join');
    const delimiter = this.eval(arg[0]);
    const list = this.eval(arg[1]);
    if (typeof delimiter !== 'string' || !Array.isArray(list)) {
      return new Unknown('Fn::Join');
    }
    const parts: Value[] = [];
    list.forEach((item, index) => {
      if (index > 0) parts.push(delimiter);
      parts.push(item);
    });
    if (sizeOfAll(parts) > MAX_VALUE_SIZE) return tooLargeValue();
    // Written in the template: the delimiter (odd indexes), and the items the list spells out as text.
    const rawItems = Array.isArray(arg[1]) ? arg[1] : [];
    return this.writtenText.concat(parts, index =>
      index % 2 === 1
        ? typeof arg[0] === 'string'
        : typeof rawItems[index / 2] === 'string',
    );
  }

  private fnIf(arg: Raw): Evaluated {
    if (!Array.isArray(arg) || arg.length !== 3) return new Unknown('Fn::If');
    const [name, whenTrue, whenFalse] = arg;
    const readsBefore = this.defaultReads;
    const result = typeof name === 'string' ? this.condition(name) : undefined;
    if (result === undefined) return new Unknown(`condition ${String(name)}`);
    if (this.defaultReads > readsBefore) this.defaultDecisions++;
    return this.eval(result ? whenTrue : whenFalse);
  }

  private select(arg: Raw): Evaluated {
    if (!Array.isArray(arg) || arg.length !== 2)
      return new Unknown('Fn::Select');
    const readsBefore = this.defaultReads;
    const index = selectIndex(this.eval(arg[0]));
    // An index a default gives chooses the item, as a condition over one does: what follows (which queue is a
    // function's dead-letter queue) rests on the default.
    if (this.defaultReads > readsBefore) this.defaultDecisions++;
    const list = this.eval(arg[1]);
    if (index === undefined) return new Unknown('Fn::Select');
    if (Array.isArray(list) && index < list.length) return list[index];
    // An item of a list parameter not known is one value wherever it is read: two functions given
    // `!Select [0, !Ref RoleArns]` have one role, as two given `!Ref RoleArn` do. So is one past the
    // end of its default, which no deployment with the default reaches.
    const listParameter =
      isRawMap(arg[1]) &&
      typeof arg[1].Ref === 'string' &&
      this.parameters.has(arg[1].Ref)
        ? arg[1].Ref
        : undefined;
    return listParameter !== undefined &&
      (list instanceof Unknown || Array.isArray(list))
      ? Unknown.oneValue(`parameter ${listParameter}[${index}]`)
      : new Unknown('Fn::Select');
  }

  private split(arg: Raw): Evaluated {
    if (!Array.isArray(arg) || arg.length !== 2)
      return new Unknown('Fn::Split');
    const delimiter = this.eval(arg[0]);
    const text = this.eval(arg[1]);
    if (
      typeof delimiter !== 'string' ||
      typeof text !== 'string' ||
      delimiter === ''
    ) {
      return new Unknown('Fn::Split');
    }
    return text.split(delimiter);
  }

  private findInMap(arg: Raw): Evaluated {
    if (!Array.isArray(arg) || arg.length < 3)
      return new Unknown('Fn::FindInMap');
    // Keys written as numbers (`123456789012:` accounts, `2:`) are the map's string keys.
    const [map, top, second] = arg.slice(0, 3).map(part => {
      const key = this.eval(part);
      return typeof key === 'number' ? String(key) : key;
    });
    // Only the template's own keys: a map named `constructor` or `__proto__` is not Object's.
    const mapping =
      typeof map === 'string'
        ? ownEntry(this.sections.Mappings, map)
        : undefined;
    const level =
      isRawMap(mapping) && typeof top === 'string'
        ? ownEntry(mapping, top)
        : undefined;
    const found =
      isRawMap(level) && typeof second === 'string'
        ? ownEntry(level, second)
        : undefined;
    if (found === undefined) {
      // Fn::FindInMap's DefaultValue option (language extensions), for an
      // entry known to be missing: with a key not known statically
      // (`!Ref AWS::Region`), the entry may well exist.
      const keysKnown = [map, top, second].every(
        key => typeof key === 'string',
      );
      const fallback =
        keysKnown && isRawMap(arg[3]) ? arg[3].DefaultValue : undefined;
      return fallback === undefined
        ? new Unknown('Fn::FindInMap')
        : this.eval(fallback);
    }
    return this.eval(found);
  }

  private conditionValue(raw: Raw): boolean | undefined {
    if (typeof raw === 'boolean') return raw;
    if (!isRawMap(raw)) return undefined;
    const name = intrinsicOf(raw);
    const arg = name ? raw[name] : undefined;
    switch (name) {
      case 'Condition':
        if (typeof arg !== 'string') return undefined;
        this.noteConditionUse(arg, lineOfNode(raw));
        return this.condition(arg);
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const [a, b] = arg.map(side => this.eval(side));
        if (!isScalar(a) || !isScalar(b)) return undefined;
        return String(a) === String(b);
      }
      case 'Fn::Not': {
        const inner = Array.isArray(arg)
          ? this.conditionValue(arg[0])
          : undefined;
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const values = arg.map(item => this.conditionValue(item));
        const decisive = name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      default:
        return undefined;
    }
  }
}

/**
 * Where the name of an `Fn::Sub` variable that starts at `from` ends (its
 * `}`), or -1 where there is none: a name holds no brace, so a `${` without
 * its `}` costs one step, not a scan to the end of the text.
 */
function variableEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === CLOSE_BRACE) return index;
    if (code === OPEN_BRACE) return -1;
  }
  return -1;
}

function isScalar(value: Evaluated): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

/**
 * A `Fn::Select` index: a whole number, or text of digits (JSON templates
 * write `"0"`); undefined for anything else, which `Number()` would read as
 * one (`''` and null as 0, true as 1).
 */
function selectIndex(value: Evaluated): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d+$/.test(value)
    ? Number(value)
    : undefined;
}

/** A parameter's value: its default when it has one, otherwise unknown. */
function parameterValue(name: string, declaration: Raw): Value {
  if (!isRawMap(declaration)) return Unknown.oneValue(`parameter ${name}`);
  const type =
    typeof declaration.Type === 'string' ? declaration.Type : 'String';
  const fallback = declaration.Default;
  if (fallback === undefined || type.startsWith('AWS::SSM::Parameter::Value')) {
    return Unknown.oneValue(`parameter ${name}`);
  }
  if (
    typeof fallback === 'string' &&
    (type.startsWith('List<') || type === 'CommaDelimitedList')
  ) {
    return fallback.split(',').map(item => item.trim());
  }
  return isScalar(fallback as Evaluated)
    ? (fallback as Value)
    : Unknown.oneValue(`parameter ${name}`);
}
