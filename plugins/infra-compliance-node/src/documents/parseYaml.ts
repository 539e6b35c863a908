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
import { CORE_SCHEMA, Type, YAMLException, load } from 'js-yaml';
import { lineOfNode, recordLines } from '../graph/locations';

/** A document that cannot be read; `line` is 1-based. */
export class DocumentParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'DocumentParseError';
  }
}

/** A problem that does not stop the document from being read (a duplicate key). */
export interface ParseProblem {
  line: number;
  message: string;
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

const SHORT_FORM_TAGS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split',
  'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'And',
  'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
];

/** Long-form name of a CloudFormation short-form tag. */
function intrinsicName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

/** The `{ Fn::X: ... }` maps made from short-form tags (their children are the tagged node's). */
const shortFormWrappers = new WeakSet<object>();

const CLOUDFORMATION_SCHEMA = CORE_SCHEMA.extend(
  SHORT_FORM_TAGS.flatMap(tag =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      kind =>
        new Type(`!${tag}`, {
          kind,
          construct: (data: unknown) => {
            let value = data ?? (kind === 'scalar' ? '' : data);
            if (tag === 'GetAtt' && typeof value === 'string') {
              const dot = value.indexOf('.');
              value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
            }
            const wrapper = { [intrinsicName(tag)]: value };
            shortFormWrappers.add(wrapper);
            return wrapper;
          },
        }),
    ),
  ),
);

interface Frame {
  line: number;
  children: { line: number; value: unknown }[];
}

/**
 * Parses YAML or JSON text; throws {@link DocumentParseError} with the
 * parser's message and line. Duplicate keys do not stop parsing: the last
 * value wins (as in CloudFormation's own parser) and each duplicate is
 * pushed to `problems`.
 */
export function parseYaml(
  text: string,
  limits: YamlParseLimits = DEFAULT_YAML_LIMITS,
  problems: ParseProblem[] = [],
): unknown {
  rejectDeepFlowNesting(text, limits.maxDepth);
  const stack: Frame[] = [];
  const recorded = new WeakSet<object>();
  let depth = 0;
  let value: unknown;
  try {
    value = load(text, {
      schema: CLOUDFORMATION_SCHEMA,
      json: true, // duplicate keys: the last wins; they are reported below
      listener(event, state) {
        if (event === 'open') {
          depth++;
          if (depth > limits.maxDepth) {
            throw new DocumentParseError(`document nests deeper than ${limits.maxDepth} levels`, state.line + 1);
          }
          stack.push({ line: nodeStartLine(text, state.position, state.line + 1), children: [] });
          return;
        }
        depth--;
        const frame = stack.pop()!;
        const result = state.result;
        if (typeof result === 'object' && result !== null && !recorded.has(result)) {
          recorded.add(result);
          recordNodeLines(result, frame, problems);
        }
        stack[stack.length - 1]?.children.push({ line: frame.line, value: result });
      },
    });
  } catch (error) {
    if (error instanceof DocumentParseError) throw error;
    if (error instanceof YAMLException) {
      throw new DocumentParseError(error.reason || error.message.split('\n')[0], (error.mark?.line ?? 0) + 1);
    }
    if (error instanceof RangeError) {
      throw new DocumentParseError('document is nested too deeply to parse', 1);
    }
    throw new DocumentParseError(error instanceof Error ? error.message.split('\n')[0] : String(error), 1);
  }
  if (text.includes('&')) rejectAliasBombs(value, limits.maxExpandedNodes);
  return value ?? null;
}

/**
 * Lines of a map's keys or a list's items from the node events of its
 * children: a map's children alternate key, value.
 */
function recordNodeLines(node: object, frame: Frame, problems: ParseProblem[]) {
  if (shortFormWrappers.has(node)) {
    // `!If [a, b]`: the events were the tagged list's; the wrapper's key sits on the tag's line.
    const [key] = Object.keys(node);
    const inner = (node as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null) recordNodeLines(inner, frame, problems);
    recordLines(node, frame.line, { keys: { [key]: frame.line } });
    return;
  }
  if (Array.isArray(node)) {
    recordLines(node, frame.line, { items: frame.children.map(child => child.line) });
    return;
  }
  const keys: Record<string, number> = {};
  for (let i = 0; i < frame.children.length; i += 2) {
    const { line, value } = frame.children[i];
    const key = String(value);
    if (key in keys) {
      problems.push({ line, message: `duplicate key ${key} (also on line ${keys[key]}); the last value is used` });
    }
    keys[key] = line;
  }
  recordLines(node, frame.line, { keys });
}

/**
 * The parser announces a node where its indentation starts, which may be
 * before spaces, line breaks and comments: the node's line is that of its
 * first character.
 */
function nodeStartLine(text: string, position: number, firstLine: number): number {
  let line = firstLine;
  let i = position;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10) line++;
    else if (code === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
      continue;
    } else if (code !== 32 && code !== 9 && code !== 13) break;
    i++;
  }
  return line;
}

/**
 * The YAML parser overflows on very deeply nested flow collections such as
 * `[[[[…]]]]`, so they are refused before parsing. Brackets inside strings
 * count too: real templates are nowhere near the limit.
 */
function rejectDeepFlowNesting(text: string, maxDepth: number) {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) line++;
    else if (code === 91 || code === 123) {
      depth++;
      if (depth > maxDepth) {
        throw new DocumentParseError(`document nests deeper than ${maxDepth} levels`, line);
      }
    } else if ((code === 93 || code === 125) && depth > 0) depth--;
  }
}

/**
 * Aliases share one value, so parsing stays small, but everything that walks
 * the value would see each alias expanded: bound that expanded size.
 */
function rejectAliasBombs(root: unknown, maxNodes: number) {
  const sizes = new Map<object, number>();
  const sizeOf = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle counts once
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
