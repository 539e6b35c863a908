/**
 * `Fn::ForEach` of the `AWS::LanguageExtensions` transform, in the
 * Resources, Outputs and Conditions sections and inside resources (their
 * properties, at any depth):
 *
 *   Fn::ForEach::Queues: [Name, [orders, billing], { '${Name}Queue': {...} }]
 *
 * The fragment is copied once per element of a collection known statically
 * (a list, or a parameter's default), with `${Name}` and `&{Name}` (the
 * element without its non-alphanumeric characters) replaced in keys and
 * strings, and `Ref: Name` replaced by the element; loops may nest. A
 * collection not known statically generates nothing: in a section, no
 * entry; inside a resource, the caller learns the resource is not known
 * completely.
 */
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordKeyLines,
} from '../../graph/locations';
import { setEntry } from '../../graph/values';

type Raw = unknown;
type RawMap = Record<string, Raw>;

const isRawMap = (value: Raw): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const FOR_EACH_KEY = 'Fn::ForEach::';

/** Most entries loops may generate in one section: five nested loops of a hundred would otherwise make ten billion. */
export const MAX_GENERATED_ENTRIES = 10_000;

/** An entry of a section (a resource, an output), with the line of its key. */
export interface SectionEntry {
  key: string;
  value: Raw;
  line: number;
  /** For an entry a loop generated, the collections of that loop and those around it, as written. */
  loopCollections?: Raw[];
}

/**
 * The entries of a Resources or Outputs section, loops expanded.
 * `evaluate` gives a loop's collection its value (parameters, conditions).
 */
export function sectionEntries(
  section: RawMap,
  sectionLine: number,
  evaluate: (raw: Raw) => unknown,
): SectionEntry[] {
  const budget = { left: MAX_GENERATED_ENTRIES };
  return expand(section, sectionLine, evaluate, budget);
}

/** True when the section holds a loop (the only case that costs anything). */
export function hasLoops(section: RawMap): boolean {
  // for-in rather than Object.keys: no array of the keys of each section and resource.
  for (const key in section) {
    if (
      key.startsWith(FOR_EACH_KEY) &&
      Object.prototype.hasOwnProperty.call(section, key)
    )
      return true;
  }
  return false;
}

/** What loops may generate, and whether every collection they ran over was known statically. */
interface LoopBudget {
  left: number;
  unknownCollection?: boolean;
}

/** A map with its loops expanded in place of their keys, keeping the lines of the entries. */
function withLoopsExpanded(
  map: RawMap,
  evaluate: (raw: Raw) => unknown,
  budget: LoopBudget,
): RawMap {
  const line = lineOfNode(map) ?? 1;
  const expanded: RawMap = {};
  const keyLines: (string | number)[] = [];
  for (const entry of expand(map, line, evaluate, budget)) {
    setEntry(expanded, entry.key, entry.value as any);
    keyLines.push(entry.key, entry.line);
  }
  recordKeyLines(expanded, line, keyLines);
  return expanded;
}

/**
 * The value with every loop inside it expanded, maps and lists at any
 * depth (a resource's properties), shared with the original where nothing
 * changes; `complete` is false when a loop ran over a collection not known
 * statically, so that what it adds is not known. `budget` bounds what all
 * the loops inside a template's values generate.
 */
export function nestedLoopsExpanded(
  raw: Raw,
  evaluate: (raw: Raw) => unknown,
  budget: { left: number } = { left: MAX_GENERATED_ENTRIES },
): { value: Raw; complete: boolean } {
  const tracked: LoopBudget = budget;
  tracked.unknownCollection = false;
  const value = expandNested(raw, evaluate, tracked);
  return { value, complete: !tracked.unknownCollection };
}

function expandNested(
  raw: Raw,
  evaluate: (raw: Raw) => unknown,
  budget: LoopBudget,
): Raw {
  if (Array.isArray(raw)) {
    let items: Raw[] | undefined;
    raw.forEach((item, index) => {
      const value = expandNested(item, evaluate, budget);
      if (value !== item) items ??= raw.slice();
      if (items) items[index] = value;
    });
    if (!items) return raw;
    copyLines(raw, items);
    return items;
  }
  if (!isRawMap(raw)) return raw;
  let map = hasLoops(raw) ? withLoopsExpanded(raw, evaluate, budget) : raw;
  for (const key of Object.keys(map)) {
    const value = expandNested(map[key], evaluate, budget);
    if (value === map[key]) continue;
    if (map === raw) {
      map = { ...raw };
      copyLines(raw, map);
    }
    setEntry(map, key, value as any);
  }
  return map;
}

function expand(
  map: RawMap,
  mapLine: number,
  evaluate: (raw: Raw) => unknown,
  budget: LoopBudget,
): SectionEntry[] {
  const entries: SectionEntry[] = [];
  for (const [key, value] of Object.entries(map)) {
    const line = lineOfPath(map as any, [key], mapLine);
    if (!key.startsWith(FOR_EACH_KEY)) {
      entries.push({ key, value, line });
      continue;
    }
    if (
      !Array.isArray(value) ||
      value.length !== 3 ||
      typeof value[0] !== 'string' ||
      !isRawMap(value[2])
    )
      continue;
    const [identifier, rawCollection, fragment] = value as [
      string,
      Raw,
      RawMap,
    ];
    const collection = evaluate(rawCollection);
    if (!Array.isArray(collection)) {
      budget.unknownCollection = true;
      continue;
    }
    const fragmentLine = lineOfNode(fragment) ?? line;
    for (const element of collection) {
      if (typeof element !== 'string' && typeof element !== 'number') continue;
      if (--budget.left < 0) return entries;
      const copy = substitute(fragment, identifier, String(element)) as RawMap;
      for (const entry of expand(copy, fragmentLine, evaluate, budget)) {
        entries.push({
          ...entry,
          loopCollections: [rawCollection, ...(entry.loopCollections ?? [])],
        });
      }
    }
  }
  return entries;
}

/** The value with the loop's identifier replaced by the element, keeping its lines. */
function substitute(raw: Raw, identifier: string, element: string): Raw {
  if (typeof raw === 'string') return replaceIn(raw, identifier, element);
  if (Array.isArray(raw)) {
    const list = raw.map(item => substitute(item, identifier, element));
    copyLines(raw, list);
    return list;
  }
  if (!isRawMap(raw)) return raw;
  const keys = Object.keys(raw);
  if (keys.length === 1 && keys[0] === 'Ref' && raw.Ref === identifier)
    return element;
  const map: RawMap = {};
  const keyLines: (string | number)[] = [];
  const line = lineOfNode(raw) ?? 1;
  for (const key of keys) {
    const name = replaceIn(key, identifier, element);
    setEntry(map, name, substitute(raw[key], identifier, element) as any);
    keyLines.push(name, lineOfPath(raw as any, [key], line));
  }
  recordKeyLines(map, line, keyLines);
  return map;
}

function replaceIn(text: string, identifier: string, element: string): string {
  if (!text.includes('{')) return text;
  return text
    .split(`\${${identifier}}`)
    .join(element)
    .split(`&{${identifier}}`)
    .join(element.replace(/[^A-Za-z0-9]/g, ''));
}
