/**
 * Property values of the format-neutral resource graph.
 *
 * Adapters evaluate their format's expressions (CloudFormation intrinsics,
 * Terraform expressions, Pulumi outputs) into plain JSON values where the
 * inputs are known. What remains is one of three markers, so that rules never
 * see format syntax and never mistake an unknown for a failure.
 */

/** A reference to another resource of the same graph (an edge). */
export class Ref {
  constructor(
    /** Id of the referenced resource in the graph. */
    readonly target: string,
    /** Attribute read from it (`Arn`, `QueueName`, ...); undefined for the resource's primary identifier. */
    readonly attribute?: string,
  ) {}
}

/** A value that cannot be known statically: an unset parameter, an import, a pseudo parameter. */
export class Unknown {
  constructor(
    /** Why, for messages and debugging: e.g. `parameter QueueArn`, `AWS::Region`. */
    readonly reason: string,
    /**
     * Whether `reason` names one value, the same wherever the stack reads
     * it (a parameter, an item of a list parameter, a pseudo parameter, an
     * import by a written name): two such unknowns with the same reason are
     * equal. Any other two (two `Fn::Select`s, two `Fn::If`s on one
     * condition) may or may not be.
     */
    readonly isOneValue = false,
    /**
     * The ids of the resources it may name, where it was computed from
     * references to them (see {@link computedFromResources}).
     */
    readonly mayName?: readonly string[],
  ) {}

  /** A value not known statically that `name` names alone (see {@link isOneValue}). */
  static oneValue(name: string): Unknown {
    return new Unknown(name, true);
  }
}

const IMPORT = 'import ';

/** What a CloudFormation import (`Fn::ImportValue`) of an export name written out gives: one value wherever the stack imports it. */
export function importOf(exportName: string): Unknown {
  return Unknown.oneValue(`${IMPORT}${exportName}`);
}

/** The export name a value imports, where it is an import of a name written out (see {@link importOf}). */
export function exportNameImported(
  value: Value | undefined,
): string | undefined {
  return value instanceof Unknown &&
    value.isOneValue &&
    value.reason.startsWith(IMPORT)
    ? value.reason.slice(IMPORT.length)
    : undefined;
}

const OF_RESOURCES = ' of references to resources';

/**
 * What a computation the adapter does not evaluate (a Terraform function it
 * does not know, `reverse(…)`) makes of values that refer to resources: it
 * may still name them, as an output that exports them does. Undefined where
 * `from` refers to none.
 */
export function computedFromResources(
  what: string,
  from: readonly Value[],
): Unknown | undefined {
  const ids = resourcesReferredTo(from);
  return ids.length > 0
    ? new Unknown(`${what}${OF_RESOURCES}`, false, ids)
    : undefined;
}

/** A string built from literal text and values not known statically (Fn::Sub, Fn::Join, interpolation). */
export class Template {
  constructor(readonly parts: ReadonlyArray<string | Ref | Unknown>) {}
}

/**
 * The ids of the resources values refer to: by reference, or through what a
 * computation not evaluated made of references (see {@link computedFromResources}).
 */
export function resourcesReferredTo(values: readonly Value[]): string[] {
  const ids = new Set<string>();
  const walk = (value: Value): void => {
    if (value instanceof Ref) ids.add(value.target);
    else if (value instanceof Unknown)
      value.mayName?.forEach(id => ids.add(id));
    else if (value instanceof Template) value.parts.forEach(walk);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (isMap(value)) Object.values(value).forEach(walk);
  };
  values.forEach(walk);
  return [...ids];
}

export type Scalar = string | number | boolean | null;
export type Value =
  | Scalar
  | Ref
  | Unknown
  | Template
  | Value[]
  | { [key: string]: Value };
export type ValueMap = { [key: string]: Value };

/** The lists and maps that stand for their JSON text (see {@link asJsonText}). */
const jsonTexts = new WeakSet<object>();

/**
 * Marks a list or map as standing for its JSON text (what Terraform's
 * jsonencode() or a policy document's `json` gives), kept as data for the
 * attributes that take a document: within a string, it is its JSON. A copy
 * without lines keeps the mark (see withoutLines).
 */
export function asJsonText(value: Value): Value {
  if (Array.isArray(value) || isMap(value)) jsonTexts.add(value);
  return value;
}

/** The lists that stand for sets (see {@link asSetList}). */
const setLists = new WeakSet<Value[]>();

/**
 * Marks a list as standing for a set (Terraform's toset(), a set-typed
 * variable): iterated, each element is its own key. A copy without lines
 * keeps the mark (see withoutLines).
 */
export function asSetList(list: Value[]): Value[] {
  setLists.add(list);
  return list;
}

/** Whether `value` stands for a set (see {@link asSetList}). */
export function isSetList(value: Value): value is Value[] {
  return Array.isArray(value) && setLists.has(value);
}

/** The values that may be null instead once deployed (see {@link asMaybeNull}). */
const maybeNulls = new WeakSet<object>();

/**
 * Marks a value that may be null instead once deployed, though it reads as
 * one that never is (a reference to an ARN, a text built from parts): what
 * Terraform's one() or try() reads of an instance of a block whose count
 * is not known, which is null where the block has none. A copy without
 * lines keeps the mark (see withoutLines). A primitive cannot be marked.
 */
export function asMaybeNull(value: Value): Value {
  if (value !== null && typeof value === 'object') maybeNulls.add(value);
  return value;
}

/** Whether `value` may be null instead once deployed (see {@link asMaybeNull}). */
export function isMaybeNull(value: Value): boolean {
  return typeof value === 'object' && value !== null && maybeNulls.has(value);
}

/** Whether `value` stands for its JSON text (see {@link asJsonText}). */
export function isJsonText(value: Value): boolean {
  return typeof value === 'object' && value !== null && jsonTexts.has(value);
}

export function isRef(value: unknown): value is Ref {
  return value instanceof Ref;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isTemplate(value: unknown): value is Template {
  return value instanceof Template;
}

/** True for a plain object value (not a list, not a marker). */
export function isMap(value: unknown): value is ValueMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Ref) &&
    !(value instanceof Unknown) &&
    !(value instanceof Template)
  );
}

/**
 * Reads a nested property; undefined when a step is missing. When a step
 * lands on a value not known statically, that unknown is the answer: the
 * property may well be there.
 */
export function getPath(
  value: Value | undefined,
  path: ReadonlyArray<string | number>,
): Value | undefined {
  let current: Value | undefined = value;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (current instanceof Unknown) return current;
    if (current instanceof Ref || current instanceof Template) {
      return new Unknown('a property of a value not known statically');
    }
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      // Own entries only: a step named `constructor` reads no member of Object.
      if (
        !isMap(current) ||
        !Object.prototype.hasOwnProperty.call(current, step)
      )
        return undefined;
      current = current[step];
    }
  }
  return current;
}

/** The value as a list: a list stays, undefined becomes empty, anything else becomes a one-item list. */
export function asList(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * `map[key] = value`, except that a `__proto__` key (templates and programs
 * may have one, and parsers keep it as a key) stays a key instead of
 * replacing the map's prototype.
 */
export function setEntry(
  map: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}

/** A known string, or undefined for anything else (including markers). */
export function asString(value: Value | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A known number (numeric strings count, as CloudFormation accepts them). */
export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A known boolean (CloudFormation accepts "true"/"false" strings). */
export function asBoolean(value: Value | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/** True when the value, or anything inside it, cannot be known statically. */
export function containsUnknown(value: Value | undefined): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof Template)
    return value.parts.some(p => p instanceof Unknown);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isMap(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Every reference inside a value, with its property path. */
export function collectRefs(
  value: Value | undefined,
): { ref: Ref; path: (string | number)[] }[] {
  const out: { ref: Ref; path: (string | number)[] }[] = [];
  collectRefsAt(value, [], out);
  return out;
}

/** `path` grows and shrinks with the walk; each reference keeps a copy. */
function collectRefsAt(
  value: Value | undefined,
  path: (string | number)[],
  out: { ref: Ref; path: (string | number)[] }[],
): void {
  if (typeof value !== 'object' || value === null) return;
  if (value instanceof Ref) {
    out.push({ ref: value, path: path.slice() });
  } else if (value instanceof Template) {
    for (const part of value.parts) {
      if (part instanceof Ref) out.push({ ref: part, path: path.slice() });
    }
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      // Scalars, most values, hold no reference: no step into them.
      if (typeof item !== 'object' || item === null) continue;
      path.push(index);
      collectRefsAt(item, path, out);
      path.pop();
    }
  } else if (!(value instanceof Unknown)) {
    // for-in rather than Object.keys: no array per map, on a walk over every value of every graph built.
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const entry = value[key];
      if (typeof entry !== 'object' || entry === null) continue;
      path.push(key);
      collectRefsAt(entry, path, out);
      path.pop();
    }
  }
}

/** True when the value is, or is built from, a reference to the given resource. */
export function refersTo(
  value: Value | undefined,
  resourceId: string,
): boolean {
  if (value instanceof Ref) return value.target === resourceId;
  if (value instanceof Template) {
    return value.parts.some(p => p instanceof Ref && p.target === resourceId);
  }
  return false;
}

/** Ids of the resources a value refers to: those {@link refersTo} is true for. */
export function referencedIds(value: Value | undefined): string[] {
  if (value instanceof Ref) return [value.target];
  if (value instanceof Template) {
    const ids: string[] = [];
    for (const part of value.parts)
      if (part instanceof Ref) ids.push(part.target);
    return ids;
  }
  return [];
}

/** Renders a value for messages: references as `<Id.Attr>`, unknowns as `<?>`. */
export function describeValue(value: Value | undefined): string {
  if (value === undefined) return '(unset)';
  if (value instanceof Ref) {
    return `<${value.target}${value.attribute ? `.${value.attribute}` : ''}>`;
  }
  if (value instanceof Unknown) return `<${value.reason}>`;
  if (value instanceof Template) {
    return value.parts
      .map(p => (typeof p === 'string' ? p : describeValue(p)))
      .join('');
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, v) =>
    v instanceof Ref || v instanceof Unknown || v instanceof Template
      ? describeValue(v)
      : v,
  );
}

/**
 * Joins parts into a string when all are known, otherwise into a Template;
 * a text that is one reference and nothing else (`!Sub '${Role.Arn}'`) is
 * that reference.
 */
export function concat(parts: ReadonlyArray<string | Value>): Value {
  const merged: (string | Ref | Unknown)[] = [];
  for (const part of parts) {
    if (part instanceof Template) {
      for (const inner of part.parts) appendPart(merged, inner);
    } else if (
      part instanceof Ref ||
      part instanceof Unknown ||
      typeof part === 'string'
    ) {
      appendPart(merged, part);
    } else {
      appendPart(
        merged,
        typeof part === 'number' || typeof part === 'boolean'
          ? String(part)
          : new Unknown('non-string value in a string'),
      );
    }
  }
  if (merged.length === 0) return '';
  if (merged.length === 1 && !(merged[0] instanceof Unknown)) return merged[0];
  return new Template(merged);
}

/**
 * Largest value an adapter makes of what a stack computes, in list items,
 * map entries, template parts and characters at every depth (see
 * {@link sizeOf}): larger ones are not known. Rules read values whole, and
 * values that double one another (Terraform locals, a program's variables)
 * would otherwise be exponentially large.
 */
export const MAX_VALUE_SIZE = 1_000_000;

/** What stands for a value larger than {@link MAX_VALUE_SIZE}. */
export function tooLargeValue(): Unknown {
  return new Unknown(
    `a value larger than ${MAX_VALUE_SIZE.toLocaleString(
      'en-US',
    )} items and characters`,
  );
}

/** Sizes of the lists, maps and templates measured so far: an adapter does not change a value it has measured. */
const sizes = new WeakMap<object, number>();

/** How large a value is (see {@link MAX_VALUE_SIZE}): a value held twice counts twice, but is measured once. */
export function sizeOf(value: Value): number {
  if (typeof value === 'string') return value.length;
  if (
    typeof value !== 'object' ||
    value === null ||
    value instanceof Ref ||
    value instanceof Unknown
  )
    return 1;
  let size = sizes.get(value);
  if (size === undefined) {
    let items: readonly Value[];
    if (value instanceof Template) items = value.parts;
    else items = Array.isArray(value) ? value : Object.values(value);
    size = sizeOfAll(items);
    sizes.set(value, size);
  }
  return size;
}

/**
 * {@link sizeOf} of a list made to be measured once (the parts of one
 * concatenation): not remembered, as a WeakMap entry costs more than
 * measuring it.
 */
export function sizeOfAll(values: readonly Value[]): number {
  let size = 1;
  for (const value of values) size += sizeOf(value);
  return size;
}

/**
 * {@link concat}, not known when the text is larger than {@link MAX_VALUE_SIZE}:
 * a text joined of itself again and again (`s = s + s` in a loop, variables
 * that double one another) would outgrow what a string may hold.
 */
export function concatWithinMaxSize(
  parts: ReadonlyArray<string | Value>,
): Value {
  return sizeOfAll(parts as Value[]) > MAX_VALUE_SIZE
    ? new Unknown('text too long')
    : concat(parts);
}
/** Adds a part to the parts of a {@link concat}, joined to the text before it. */
function appendPart(
  merged: (string | Ref | Unknown)[],
  part: string | Ref | Unknown,
): void {
  const previous = merged[merged.length - 1];
  if (typeof part === 'string' && typeof previous === 'string') {
    merged[merged.length - 1] = previous + part;
  } else if (part !== '') {
    merged.push(part);
  }
}
