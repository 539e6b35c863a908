/**
 * Source lines of parsed values. Adapters record a line for every map, list
 * and marker they produce, and for each key of a map and item of a list.
 * The lines live on the value in a private class field, so rules,
 * `Object.keys`, JSON and equality checks see plain data.
 */
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asJsonText,
  asMaybeNull,
  asSetList,
  isJsonText,
  isMaybeNull,
  isMap,
  isSetList,
  setEntry,
} from './values';

interface NodeLines {
  line: number;
  /** Only some keys have lines here, the node none of its own (see {@link recordKeyLinesOnly}). */
  keysOnly?: true;
  /** Line of each key of a map an adapter built. */
  keys?: Record<string, number>;
  /**
   * Key, line, key, line… of a map as the parser read it, in document
   * order; where a key is repeated the last one is the map's.
   */
  keyLines?: (string | number)[];
  /** `keyLines` as a map, built on the first lookup in a large map. */
  keyIndex?: Map<string | number, number>;
  /** Line of each item of a list. */
  items?: number[];
  /**
   * Of a list its reading removed items from (an `!If` to `AWS::NoValue`),
   * the index each item has in the list as written (see {@link writtenIndexOf}).
   */
  writtenIndexes?: number[];
}

/**
 * Keys beyond which a lookup builds an index instead of scanning the list:
 * looking up each of a template's resources in `Resources` would otherwise
 * take time quadratic in their number.
 */
const SCANNED_KEYS = 16;

/**
 * A class whose constructor returns its argument: a subclass's private
 * fields are then added to that object, whatever its class.
 */
class ReturnsItsArgument {
  constructor(node: object) {
    return node as ReturnsItsArgument;
  }
}

/**
 * The lines ride on the value in a private class field: invisible to
 * `Object.keys`, spread, JSON and equality checks, and several times
 * cheaper to add than a non-enumerable property (`Object.defineProperty`
 * was the parse's hottest call) or a WeakMap entry.
 */
class LineStamp extends ReturnsItsArgument {
  /**
   * The lines of the node being stamped: the field starts with them, as a
   * second store would cost as much again (an initializer cannot read the
   * constructor's arguments).
   */
  static #stamping: NodeLines;

  #lines: NodeLines = LineStamp.#stamping;

  private constructor(node: object) {
    super(node);
  }

  static get(node: object): NodeLines | undefined {
    return #lines in node ? (node as LineStamp).#lines : undefined;
  }

  static set(node: object, lines: NodeLines): void {
    if (#lines in node) {
      (node as LineStamp).#lines = lines;
    } else {
      LineStamp.#stamping = lines;
      // The constructor stamps `node` itself; the object it returns is `node`.
      new LineStamp(node); // eslint-disable-line no-new
    }
  }
}

function linesOf(node: object): NodeLines | undefined {
  return LineStamp.get(node);
}

function setLines(node: object, lines: NodeLines): void {
  LineStamp.set(node, lines);
}

/** Records where a map, list or marker starts, and where its keys or items are. */
export function recordLines(
  node: object,
  line: number,
  children?: {
    keys?: Record<string, number>;
    items?: number[];
    writtenIndexes?: number[];
  },
): void {
  setLines(node, {
    line,
    keys: children?.keys,
    items: children?.items,
    writtenIndexes: children?.writtenIndexes,
  });
}

/** Records a parsed list's lines: `items` holds the line of each item. */
export function recordItemLines(
  node: object,
  line: number,
  items: number[],
): void {
  setLines(node, { line, keys: undefined, items });
}

/** Records a parsed map's lines: `keyLines` is key, line, key, line… in document order. */
export function recordKeyLines(
  node: object,
  line: number,
  keyLines: (string | number)[],
): void {
  setLines(node, { line, keyLines });
}

function keyLine(lines: NodeLines, key: string): number | undefined {
  if (lines.keys)
    return Object.prototype.hasOwnProperty.call(lines.keys, key)
      ? lines.keys[key]
      : undefined;
  const keyLines = lines.keyLines;
  if (!keyLines) return undefined;
  if (keyLines.length <= 2 * SCANNED_KEYS) {
    for (let i = keyLines.length - 2; i >= 0; i -= 2) {
      if (keyLines[i] === key) return keyLines[i + 1] as number;
    }
    return undefined;
  }
  if (!lines.keyIndex) {
    lines.keyIndex = new Map();
    for (let i = 0; i < keyLines.length; i += 2)
      lines.keyIndex.set(keyLines[i], keyLines[i + 1] as number);
  }
  return lines.keyIndex.get(key);
}

/** The recorded lines of a list's items (the array itself: changing it changes them). */
export function itemLinesOf(node: object): number[] | undefined {
  return linesOf(node)?.items;
}

/**
 * The index the item at `index` of a list has in the list as written: where
 * a reading of the stack removed items before it (see
 * NodeLines.writtenIndexes), the one a reading that kept them gives it.
 */
export function writtenIndexOf(list: Value | undefined, index: number): number {
  const written = Array.isArray(list)
    ? linesOf(list)?.writtenIndexes?.[index]
    : undefined;
  return written ?? index;
}

/** True when lines were recorded for the node. */
export function hasLines(node: object): boolean {
  return linesOf(node) !== undefined;
}

/** Line where a map, list or marker starts, if recorded. */
export function lineOfNode(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const lines = linesOf(node);
  return lines && !lines.keysOnly ? lines.line : undefined;
}

/**
 * Records lines of some keys of a map that has no line of its own here (a
 * value written in another file, whose keys this file set): lookups of
 * its other keys, and of the map, fall back to what holds it.
 */
export function recordKeyLinesOnly(
  node: object,
  keys: Readonly<Record<string, number>>,
): void {
  setLines(node, { line: 0, keysOnly: true, keys: { ...keys } });
}

/** The last line recorded for a key of a map or an item of a list (where its last child starts). */
export function lastChildLine(node: object): number | undefined {
  const lines = linesOf(node);
  if (!lines) return undefined;
  let last: number | undefined;
  const consider = (line: number) => {
    if (last === undefined || line > last) last = line;
  };
  lines.items?.forEach(consider);
  if (lines.keys) Object.values(lines.keys).forEach(consider);
  const keyLines = lines.keyLines ?? [];
  for (let i = 1; i < keyLines.length; i += 2) consider(keyLines[i] as number);
  return last;
}

/**
 * The last line recorded anywhere in a value (where one of its maps, lists,
 * keys or items starts), or `first` where none is later: with the line it
 * starts on, the lines the value may span.
 */
export function lastLineWithin(
  value: Value | undefined,
  first: number,
): number {
  let last = first;
  forEachNodeWithin(value, node => {
    for (const line of [lineOfNode(node), lastChildLine(node)]) {
      if (line !== undefined && line > last) last = line;
    }
  });
  return last;
}

/** Every line recorded anywhere in a value: where one of its maps, lists, keys or items starts. */
export function linesWithin(value: Value | undefined): Set<number> {
  const lines = new Set<number>();
  forEachNodeWithin(value, node => {
    const recorded = linesOf(node);
    if (!recorded) return;
    if (!recorded.keysOnly) lines.add(recorded.line);
    recorded.items?.forEach(line => lines.add(line));
    if (recorded.keys)
      Object.values(recorded.keys).forEach(line => lines.add(line));
    const keyLines = recorded.keyLines ?? [];
    for (let i = 1; i < keyLines.length; i += 2)
      lines.add(keyLines[i] as number);
  });
  return lines;
}

/** Visits each map and list of a value, and each marker. */
function forEachNodeWithin(
  value: Value | undefined,
  visit: (node: object) => void,
): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    visit(node);
    if (Array.isArray(node)) pending.push(...node);
    else if (isMap(node))
      for (const key of Object.keys(node)) pending.push(node[key]);
  }
}

/** Records the lines of keys of a map: where a program sets them (`args.retentionInDays = 7`). */
export function recordAssignedKeyLines(
  node: object,
  lines: Readonly<Record<string, number>>,
): void {
  const recorded = linesOf(node);
  const keys: Record<string, number> = { ...recorded?.keys };
  const keyLines = recorded?.keyLines ?? [];
  for (let i = 0; i < keyLines.length; i += 2)
    keys[keyLines[i]] = keyLines[i + 1] as number;
  Object.assign(keys, lines);
  // A new record: lines may be shared with the value they were copied from.
  setLines(node, {
    line: recorded?.line ?? Object.values(lines)[0],
    keysOnly: recorded?.keysOnly,
    keys,
    items: recorded?.items,
  });
}

/** Copies the recorded lines of one node onto another (a value rebuilt from it). */
export function copyLines(from: object, to: object): void {
  const lines = linesOf(from);
  if (lines) setLines(to, lines);
}

/**
 * The line of the deepest part of `path` that has a recorded line, starting
 * from `root`; `fallback` when nothing along the path is known.
 */
export function lineOfPath(
  root: Value | undefined,
  path: ReadonlyArray<string | number>,
  fallback: number,
): number {
  let line = fallback;
  let current: Value | undefined = root;
  for (const step of path) {
    if (
      current === undefined ||
      current === null ||
      typeof current !== 'object'
    )
      break;
    const lines = linesOf(current);
    if (typeof step === 'number' && Array.isArray(current)) {
      line = lines?.items?.[step] ?? lineOfNode(current[step]) ?? line;
      current = current[step];
    } else if (typeof step === 'string' && isMap(current)) {
      line = (lines && keyLine(lines, step)) ?? line;
      current = current[step];
    } else {
      break;
    }
  }
  return line;
}

/**
 * Records lines for a map merged from several maps (SAM Globals into a
 * resource): keys take the line of the last source that has them.
 */
export function recordMergedLines(target: object, sources: object[]): void {
  const keys: Record<string, number> = {};
  let line: number | undefined;
  for (const source of sources) {
    const lines = linesOf(source);
    if (!lines) continue;
    line = lines.line;
    Object.assign(keys, lines.keys);
    const keyLines = lines.keyLines ?? [];
    for (let i = 0; i < keyLines.length; i += 2)
      keys[keyLines[i]] = keyLines[i + 1] as number;
  }
  if (line !== undefined) setLines(target, { line, keys });
}

/** Lines of a node that has none here, of its own or of its keys: lookups fall back to what holds it. */
const NONE_HERE: NodeLines = Object.freeze({ line: 0, keysOnly: true });

/**
 * A copy of a value, markers included, whose lines are those of what holds
 * it (see {@link lineOfPath}): read where its own would point into another
 * file. Its nodes record that they have none, so that nothing records
 * lines on them: the copy may be shared by several readers.
 */
export function withoutLines(value: Value): Value {
  // A copy already, shared as it is: a value that holds it again and again (a module's output of its module's
  // outputs, each of them) is copied once, not once each time.
  if (
    typeof value === 'object' &&
    value !== null &&
    linesOf(value) === NONE_HERE
  )
    return value;
  let copy: Value;
  if (Array.isArray(value)) copy = value.map(withoutLines);
  // Of its own class, with its fields whatever its constructor takes: an adapter may tell references, and values not
  // known, apart by it, and keep a value in one (a value one() reads of a splat Terraform has not expanded).
  else if (value instanceof Ref || value instanceof Unknown)
    copy = Object.assign(
      Object.create(Object.getPrototypeOf(value)) as typeof value,
      Object.fromEntries(
        Object.entries(value).map(([field, held]) => [
          field,
          withoutLines(held),
        ]),
      ),
    );
  else if (value instanceof Template)
    copy = new Template(
      value.parts.map(part =>
        typeof part === 'string' ? part : (withoutLines(part) as Ref | Unknown),
      ),
    );
  else if (isMap(value)) {
    const map: ValueMap = {};
    for (const key of Object.keys(value))
      setEntry(map, key, withoutLines(value[key]));
    copy = map;
  } else return value;
  setLines(copy, NONE_HERE);
  if (isSetList(value)) asSetList(copy as Value[]);
  if (isMaybeNull(value)) asMaybeNull(copy);
  return isJsonText(value) ? asJsonText(copy) : copy;
}
