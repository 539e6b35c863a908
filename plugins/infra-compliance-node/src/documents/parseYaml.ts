/**
 * YAML and JSON documents to plain values with source lines.
 *
 * One parser (js-yaml, whose YAML is a superset of JSON) reads both, so line
 * numbers and error messages are alike. It was chosen for speed (an org scan
 * parses thousands of templates) and because it reads what CloudFormation
 * reads, including the loosely indented multi-line strings that stricter
 * parsers reject. CloudFormation's short-form tags become their long form
 * (`!Ref X` → `{ Ref: X }`), so adapters see one shape. Lines come from the
 * parser's node events. Aliases are shared, not copied, and their expanded
 * size is bounded.
 */
import {
  CORE_SCHEMA,
  LoadOptions,
  State,
  Type,
  YAMLException,
  load,
} from 'js-yaml';
import {
  hasLines,
  lineOfNode,
  recordItemLines,
  recordKeyLines,
} from '../graph/locations';
import { isStackOverflow } from '../support/stackOverflow';
import { LineStarts } from '../support/lineOffsets';

/** A document that cannot be read; `line` and, when the parser tells it, `column` are 1-based. */
export class DocumentParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'DocumentParseError';
  }
}

/** A problem that does not stop the document from being read (a duplicate key). */
export interface ParseProblem {
  line: number;
  message: string;
}

/** An entry of a map as written: where a key repeats, each of its values is one. */
export interface WrittenEntry {
  key: string;
  value: unknown;
  line: number;
}

export interface YamlParseLimits {
  /** Deepest nesting of maps and lists accepted. */
  maxDepth: number;
  /** Most nodes the document may expand to once aliases are followed. */
  maxExpandedNodes: number;
}

export const DEFAULT_YAML_LIMITS: YamlParseLimits = {
  maxDepth: 500,
  maxExpandedNodes: 2_000_000,
};

/**
 * The long form of each CloudFormation short-form tag (`!Sub x` → `{ Fn::Sub: x }`),
 * each built from its own literal: one shape per tag, where setting a key
 * that varies by tag on an empty object was the schema's hottest store.
 */
const LONG_FORMS: Record<string, (value: unknown) => Record<string, unknown>> =
  {
    Ref: value => ({ Ref: value }),
    Condition: value => ({ Condition: value }),
    GetAtt: value => ({ 'Fn::GetAtt': value }),
    Sub: value => ({ 'Fn::Sub': value }),
    Join: value => ({ 'Fn::Join': value }),
    If: value => ({ 'Fn::If': value }),
    Select: value => ({ 'Fn::Select': value }),
    Split: value => ({ 'Fn::Split': value }),
    FindInMap: value => ({ 'Fn::FindInMap': value }),
    ImportValue: value => ({ 'Fn::ImportValue': value }),
    Base64: value => ({ 'Fn::Base64': value }),
    Cidr: value => ({ 'Fn::Cidr': value }),
    GetAZs: value => ({ 'Fn::GetAZs': value }),
    Equals: value => ({ 'Fn::Equals': value }),
    And: value => ({ 'Fn::And': value }),
    Or: value => ({ 'Fn::Or': value }),
    Not: value => ({ 'Fn::Not': value }),
    Transform: value => ({ 'Fn::Transform': value }),
    Length: value => ({ 'Fn::Length': value }),
    ToJsonString: value => ({ 'Fn::ToJsonString': value }),
  };

/**
 * The long form the schema built last, and its key: the parser announces a
 * node's close right after building its value, so the listener knows a
 * short form by identity instead of looking its tag up.
 */
let lastLongForm: object | undefined;
let lastLongFormKey = '';

/** js-yaml's core schema with CloudFormation's short-form tags (exported for the benchmark's bare parse). */
export const CLOUDFORMATION_SCHEMA = CORE_SCHEMA.extend(
  Object.entries(LONG_FORMS).flatMap(([tag, longForm]) => {
    const name = Object.keys(longForm(null))[0]; // the key of the long form
    return (['scalar', 'sequence', 'mapping'] as const).map(
      kind =>
        new Type(`!${tag}`, {
          kind,
          construct: (data: unknown) => {
            let value = data ?? (kind === 'scalar' ? '' : data);
            if (tag === 'GetAtt' && typeof value === 'string') {
              const dot = value.indexOf('.');
              value =
                dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
            }
            const wrapper = longForm(value);
            lastLongForm = wrapper;
            lastLongFormKey = name;
            return wrapper;
          },
        }),
    );
  }),
);

/** What js-yaml's state holds when a node closes, beyond its published type. */
type ListenerState = State & { tag: string | null; anchor: string | null };

/**
 * Parses YAML or JSON text; throws {@link DocumentParseError} with the
 * parser's message and line. Duplicate keys do not stop parsing: the last
 * value wins (as in CloudFormation's own parser) and each duplicate is
 * pushed to `problems`; the entries of a map that repeats a key (or has a
 * `<<` key) are set in `repeatedKeys`, every value of its keys kept, for
 * formats that read them all (HCL's JSON syntax).
 */
export function parseYaml(
  text: string,
  limits: YamlParseLimits = DEFAULT_YAML_LIMITS,
  problems: ParseProblem[] = [],
  repeatedKeys?: Map<object, WrittenEntry[]>,
): unknown {
  // The node events nest: each open node has a start line and the index of
  // its first child, pushed in pairs on `open`; the lines and values of
  // finished children sit on one flat stack (a map's children alternate key,
  // value) whose top is `done`, so no event allocates.
  const open: number[] = [];
  const children: Children = { lines: [], values: [] };
  const { lines: childLines, values: childValues } = children;
  let done = 0;
  let anchored = false;
  let value: unknown;
  try {
    value = load(text, {
      schema: CLOUDFORMATION_SCHEMA,
      json: true, // duplicate keys: the last wins; they are reported below
      maxDepth: limits.maxDepth,
      listener(event, state: ListenerState) {
        if (event === 'open') {
          open.push(nodeStartLine(text, state.position, state.line + 1), done);
          return;
        }
        const first = open.pop()!;
        const line = open.pop()!;
        const result = state.result;
        if (state.anchor !== null) anchored = true;
        if (typeof result === 'object' && result !== null) {
          // An alias of a short form has no tag: its value has lines already.
          if (state.tag !== null && result === lastLongForm) {
            lastLongForm = undefined; // nothing to keep alive past its node
            recordShortForm(
              result as Record<string, unknown>,
              lastLongFormKey,
              line,
              children,
              first,
              done,
              problems,
              repeatedKeys,
            );
          } else if (first + 1 === done && childValues[first] === result) {
            // One node announced twice (a flow collection as an item of a
            // block sequence): the inner event recorded its lines already.
          } else if (first < done || !hasLines(result)) {
            // An alias has no children and its value already has lines: keep them.
            recordChildLines(
              result,
              line,
              children,
              first,
              done,
              problems,
              repeatedKeys,
            );
          }
        }
        childLines[first] = line;
        childValues[first] = result;
        done = first + 1;
      },
    } as LoadOptions);
  } catch (error) {
    if (error instanceof YAMLException) {
      const { line, column } = errorPosition(text, error);
      if (/maxDepth/.test(error.reason)) {
        throw new DocumentParseError(
          `document nests deeper than ${limits.maxDepth} levels`,
          line,
          column,
        );
      }
      throw new DocumentParseError(
        error.reason || error.message.split('\n')[0],
        line,
        column,
      );
    }
    if (isStackOverflow(error)) {
      throw new DocumentParseError('document is nested too deeply to parse', 1);
    }
    throw new DocumentParseError(
      error instanceof Error ? error.message.split('\n')[0] : String(error),
      1,
    );
  }
  // Without an anchor there is no alias, and nothing to expand.
  if (anchored) rejectAliasBombs(value, limits.maxExpandedNodes);
  return value ?? null;
}

/**
 * Where the parser met an error, 1-based. At the end of the stream its line
 * may be the one after the last: the error is then at the end of the last.
 */
function errorPosition(
  text: string,
  error: YAMLException,
): { line: number; column: number } {
  const lines = new LineStarts(text);
  const lastLine = lines.lastLine();
  const line = (error.mark?.line ?? 0) + 1;
  if (line <= lastLine) return { line, column: (error.mark?.column ?? 0) + 1 };
  const lastLineText = text.slice(lines.offset(lastLine)).replace(/\r?\n$/, '');
  return { line: lastLine, column: lastLineText.length + 1 };
}

/** The finished children of the open nodes: a node's are its `lines` and `values` from `first` to before `end`. */
interface Children {
  lines: number[];
  values: unknown[];
}

/** `!If [a, b]` becomes `{ Fn::If: [a, b] }`: the tagged node's children are the inner value's. */
function recordShortForm(
  wrapper: Record<string, unknown>,
  key: string,
  line: number,
  children: Children,
  first: number,
  end: number,
  problems: ParseProblem[],
  repeatedKeys: Map<object, WrittenEntry[]> | undefined,
) {
  const inner = wrapper[key];
  if (typeof inner === 'object' && inner !== null)
    recordChildLines(inner, line, children, first, end, problems, repeatedKeys);
  recordKeyLines(wrapper, line, [key, line]);
}

/** Lines of a map's keys or a list's items: a map's children alternate key, value. */
function recordChildLines(
  node: object,
  line: number,
  { lines, values }: Children,
  first: number,
  end: number,
  problems: ParseProblem[],
  repeatedKeys: Map<object, WrittenEntry[]> | undefined,
) {
  if (Array.isArray(node)) {
    recordItemLines(node, line, lines.slice(first, end));
    return;
  }
  const keyLines: (string | number)[] = new Array(end - first);
  let merges = false;
  for (let i = first, at = 0; i < end; i += 2, at += 2) {
    const key = values[i];
    const name = typeof key === 'string' ? key : String(key);
    if (name === '<<') merges = true;
    keyLines[at] = name;
    keyLines[at + 1] = lines[i];
  }
  if (merges || hasRepeatedKey(node, keyLines)) {
    reportDuplicateKeys(keyLines, problems);
    if (repeatedKeys) {
      const entries: WrittenEntry[] = [];
      for (let i = first, at = 0; i < end; i += 2, at += 2)
        entries.push({
          key: keyLines[at] as string,
          value: values[i + 1],
          line: lines[i],
        });
      repeatedKeys.set(node, entries);
    }
  }
  recordKeyLines(node, line, keyLines);
}

/** Keys beyond which comparing each key with the others costs more than counting the map's own. */
const COMPARED_KEYS = 8;

/** Whether a key event repeated an earlier key (merge keys blur this: they are checked apart). */
function hasRepeatedKey(node: object, keyLines: (string | number)[]): boolean {
  const keyCount = keyLines.length / 2;
  if (keyCount > COMPARED_KEYS) return ownKeyCount(node) !== keyCount;
  for (let i = 2; i < keyLines.length; i += 2) {
    for (let j = 0; j < i; j += 2) if (keyLines[i] === keyLines[j]) return true;
  }
  return false;
}

/** Counts without listing: `Object.keys` would allocate an array per map. */
function ownKeyCount(node: object): number {
  let count = 0;
  for (const key in node) {
    if (Object.prototype.hasOwnProperty.call(node, key)) count++;
  }
  return count;
}

function reportDuplicateKeys(
  keyLines: (string | number)[],
  problems: ParseProblem[],
) {
  const seen = new Map<string | number, number>();
  for (let i = 0; i < keyLines.length; i += 2) {
    const [key, line] = [keyLines[i], keyLines[i + 1] as number];
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        line,
        message: `duplicate key ${key} (also on line ${earlier}); the last value is used`,
      });
    }
    seen.set(key, line);
  }
}

/**
 * The parser announces a node where its indentation starts, which may be
 * before spaces, line breaks and comments: the node's line is that of its
 * first character.
 */
function nodeStartLine(
  text: string,
  position: number,
  firstLine: number,
): number {
  let line = firstLine;
  let i = position;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10) line++;
    else if (code === 35 /* # */) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    } else if (code !== 32 && code !== 9 && code !== 13) break;
    i++;
  }
  return line;
}

/**
 * Aliases share one value, so parsing stays small, but everything that walks
 * the value would see each alias expanded: bound that expanded size. An
 * alias inside the node it names (`&a {b: *a}`) makes the value infinite:
 * no walk would end, so it is refused too.
 */
function rejectAliasBombs(root: unknown, maxNodes: number) {
  const IN_PROGRESS = -1;
  const sizes = new Map<object, number>();
  const sizeOf = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known === IN_PROGRESS) {
      throw new DocumentParseError(
        'an alias refers to a node that contains it, so the document never ends',
        lineOfNode(node) ?? 1,
      );
    }
    if (known !== undefined) return known;
    sizes.set(node, IN_PROGRESS);
    let size = 1;
    for (const child of Object.values(node)) {
      size += sizeOf(child);
      if (size > maxNodes) break;
    }
    sizes.set(node, size);
    return size;
  };
  if (sizeOf(root) > maxNodes) {
    throw new DocumentParseError(
      `document expands to more than ${maxNodes} nodes through aliases (an alias bomb?)`,
      lineOfNode(root) ?? 1,
    );
  }
}
