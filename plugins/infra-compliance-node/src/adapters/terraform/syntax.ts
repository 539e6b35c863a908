/**
 * Terraform files, native (`.tf`, HCL2) or JSON (`.tf.json`), read into one
 * shape: bodies of attributes and blocks, each with its line. HCL is read by
 * the engine's HCL parser (`documents/parseHcl`); JSON by its YAML/JSON
 * reader, which records lines too.
 */
import {
  DocumentParseError,
  WrittenEntry,
  parseYaml,
} from '../../documents/parseYaml';
import { HclExpression, parseHcl } from '../../documents/parseHcl';
import {
  lastLineWithin,
  lineOfPath,
  recordItemLines,
} from '../../graph/locations';
import { Value } from '../../graph/values';
import { lookupTable } from '../../support/lookupTable';

export { parseHcl };

/** A `.tf.json` value, whose strings are templates. */
export interface JsonExpression {
  kind: 'json';
  value: unknown;
  /** Whether the nodes of `value` carry the lines where the file writes them: not once placed at another line (see {@link withLine}). */
  ownLines: boolean;
  line: number;
}

/** An attribute's expression: HCL syntax, or a JSON value. */
export type Expression = HclExpression | JsonExpression;

export interface Attribute {
  name: string;
  line: number;
  expression: Expression;
  /** The HCL expression as written. */
  text?: string;
}

export interface Block {
  type: string;
  labels: string[];
  line: number;
  /** The line of the `}` that closes it; of its last value, in a `.tf.json` file. */
  lastLine: number;
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface SyntaxError {
  line: number;
  message: string;
}

/** The text an expression stands for when it is a plain string (`source = "./modules/queue"`), before any evaluation. */
export function plainText(expression: Expression): string | undefined {
  if (expression.kind === 'json')
    return typeof expression.value === 'string' ? expression.value : undefined;
  if (expression.kind !== 'template' || expression.indentedHeredoc)
    return undefined;
  return expression.parts.every(part => typeof part === 'string')
    ? expression.parts.join('')
    : undefined;
}

/**
 * A copy of an expression, an attribute, a block or a body with every line
 * in it `line`: written in one place, read as written in another. A
 * heredoc's text then has no lines of its own; a `.tf.json` value has only
 * its expression's line.
 */
export function withLine<T>(node: T, line: number): T {
  if (Array.isArray(node)) return node.map(item => withLine(item, line)) as T;
  if (typeof node !== 'object' || node === null) return node;
  if ((node as { kind?: unknown }).kind === 'json')
    return { ...node, line, ownLines: false };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'heredoc')
      copy[key] =
        (key === 'line' || key === 'lastLine') && typeof value === 'number'
          ? line
          : withLine(value, line);
  }
  return copy as T;
}

/** An attribute's expression as written, for messages. */
export function sourceText(attribute: Attribute): string {
  if (attribute.text !== undefined) return attribute.text;
  return attribute.expression.kind === 'json'
    ? JSON.stringify(attribute.expression.value) ?? ''
    : '';
}

type RawMap = Record<string, unknown>;
const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Number of labels each top-level block type takes. */
const LABELS = lookupTable<number>({
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
});

/** What a JSON body is: the file's, a block's, a dynamic block's (whose `content` is a block), or `locals` (arguments only). */
type JsonBodyOf = 'file' | 'block' | 'dynamic' | 'locals';

/**
 * Blocks of a JSON body: the top-level block types, and in nested bodies
 * `dynamic` (labelled by the type it generates) and the `content` of a
 * dynamic block, so that they are expanded as in `.tf` files.
 */
function jsonLabelCount(name: string, of: JsonBodyOf): number | undefined {
  if (of === 'file') return LABELS[name];
  if (of === 'locals') return undefined;
  if (name === 'dynamic') return 1;
  return of === 'dynamic' && name === 'content' ? 0 : undefined;
}

/** What the bodies of the blocks a property of a body writes are. */
function jsonBodyOf(name: string, of: JsonBodyOf): JsonBodyOf {
  if (name === 'dynamic') return 'dynamic';
  return name === 'locals' && of === 'file' ? 'locals' : 'block';
}

interface JsonProperty {
  name: string;
  value: unknown;
  line: number;
}

/** Whether a value has the shape of nested blocks: a body, or a list of them. */
const mayBeBlocks = (value: unknown) => isRawMap(value) || Array.isArray(value);

/** Reads the bodies of one `.tf.json` file, with the entries of its objects that repeat a key as written. */
class JsonReader {
  /** The objects read as bodies or levels of labels: any other is an object value. */
  private readonly structural = new Set<object>();

  constructor(
    private readonly written: ReadonlyMap<object, WrittenEntry[]>,
    private readonly errors: SyntaxError[],
  ) {}

  /** The properties of an object as written (a repeated name each time), or of each object of an array in order. */
  private properties(value: unknown, line: number): JsonProperty[] {
    if (Array.isArray(value))
      return value.flatMap((item, index) =>
        isRawMap(item)
          ? this.properties(item, lineOfPath(value, [index], line))
          : [],
      );
    if (!isRawMap(value)) return [];
    this.structural.add(value);
    const entries = this.written.get(value);
    if (entries)
      return entries.map(entry => ({
        name: entry.key,
        value: entry.value,
        line: entry.line,
      }));
    return Object.entries(value).map(([name, property]) => ({
      name,
      value: property,
      line: lineOfPath(value as any, [name], line),
    }));
  }

  body(value: unknown, line: number, of: JsonBodyOf): Body {
    const body: Body = { attributes: [], blocks: [] };
    const attributes = new Map<string, JsonProperty[]>();
    for (const property of this.properties(value, line)) {
      const { name } = property;
      // Terraform ignores a property named "//" in a block's body: a comment.
      if (name === '//') continue;
      const labelCount = jsonLabelCount(name, of);
      if (labelCount === undefined) {
        const written = attributes.get(name);
        if (written) written.push(property);
        else attributes.set(name, [property]);
        continue;
      }
      const itemsOf = jsonBodyOf(name, of);
      for (const { labels, content, line: contentLine } of this.labelled(
        property.value,
        labelCount,
        property.line,
      )) {
        // An array of bodies writes one block each; a null one, none.
        const items = Array.isArray(content)
          ? content.map((item, index) => ({
              item,
              itemLine: lineOfPath(content, [index], contentLine),
            }))
          : [{ item: content, itemLine: contentLine }];
        for (const { item, itemLine } of items) {
          if (!isRawMap(item) && !Array.isArray(item)) continue;
          body.blocks.push({
            type: name,
            labels,
            line: itemLine,
            lastLine: lastLineWithin(item as Value, itemLine),
            body: this.body(item, itemLine, itemsOf),
          });
        }
      }
    }
    for (const [name, properties] of attributes)
      body.attributes.push(this.attribute(name, properties, of));
    return body;
  }

  /** The attribute the properties of one name make: a nested block written more than once lists each of its blocks. */
  private attribute(
    name: string,
    properties: JsonProperty[],
    of: JsonBodyOf,
  ): Attribute {
    const [first] = properties;
    const attribute = (value: unknown, at: number): Attribute => ({
      name,
      line: at,
      expression: { kind: 'json', value, ownLines: true, line: at },
    });
    if (properties.length === 1) return attribute(first.value, first.line);
    // Only a block's body nests blocks: a dynamic block's is its `content`, `locals` has none, nor a file.
    if (
      of === 'block' &&
      properties.every(property => mayBeBlocks(property.value))
    ) {
      const blocks = properties.flatMap(({ value, line }) =>
        Array.isArray(value)
          ? value.map((item, index) => ({
              item,
              line: lineOfPath(value, [index], line),
            }))
          : [{ item: value, line }],
      );
      const list = blocks.map(block => block.item);
      recordItemLines(
        list,
        first.line,
        blocks.map(block => block.line),
      );
      return attribute(list, first.line);
    }
    for (const property of properties.slice(1)) {
      this.errors.push({
        line: property.line,
        message: `duplicate argument ${name} (also on line ${first.line}): Terraform refuses it; the last is read`,
      });
    }
    const last = properties[properties.length - 1];
    return attribute(last.value, last.line);
  }

  private labelled(
    value: unknown,
    depth: number,
    line: number,
  ): { labels: string[]; content: unknown; line: number }[] {
    if (depth === 0) return [{ labels: [], content: value, line }];
    return this.properties(value, line).flatMap(label =>
      this.labelled(label.value, depth - 1, label.line).map(found => ({
        ...found,
        labels: [label.name, ...found.labels],
      })),
    );
  }

  /**
   * Terraform refuses a key written twice in an object value (`tags`),
   * unless each of its values is an object or a list: a block nested in a
   * nested block, which it reads each time, and the evaluator the last.
   */
  reportRepeatedValueKeys(): void {
    for (const [object, entries] of this.written) {
      if (this.structural.has(object)) continue;
      const notBlocks = new Set(
        entries
          .filter(entry => !mayBeBlocks(entry.value))
          .map(entry => entry.key),
      );
      const firstLines = new Map<string, number>();
      for (const { key, line } of entries) {
        const firstLine = firstLines.get(key);
        if (firstLine === undefined) firstLines.set(key, line);
        else if (notBlocks.has(key)) {
          this.errors.push({
            line,
            message: `duplicate key ${key} (also on line ${firstLine}): Terraform refuses it; the last is read`,
          });
        }
      }
    }
  }
}

/**
 * Reads a `.tf.json` file: top-level keys are block types, nested objects
 * their labels (`resource.<type>.<name>`), down to the body. Nested blocks
 * inside a body stay attributes whose value is an object or a list of them;
 * the evaluator treats both forms alike. Dynamic blocks are blocks. As in
 * HCL's JSON syntax, a body or a level of labels may be an array of
 * objects, whose properties are read in order, and a block's body an
 * array of bodies, one block each. A `"//"` property of a body is a
 * comment. A property written twice in one object is read each time, as
 * HCL's JSON syntax requires: a block type or a label gives the blocks of
 * each, a nested block one attribute listing them all; an argument (or a
 * key of an object value) Terraform refuses, and the last is read.
 */
export function parseTerraformJson(text: string): {
  body: Body;
  errors: SyntaxError[];
} {
  let root: unknown;
  const written = new Map<object, WrittenEntry[]>();
  try {
    root = parseYaml(text, undefined, [], written);
  } catch (error) {
    if (error instanceof DocumentParseError) {
      return {
        body: { attributes: [], blocks: [] },
        errors: [{ line: error.line, message: error.message }],
      };
    }
    throw error;
  }
  const message = 'a .tf.json file must hold an object, or an array of objects';
  if (!isRawMap(root) && !Array.isArray(root))
    return {
      body: { attributes: [], blocks: [] },
      errors: [{ line: 1, message }],
    };
  // Terraform refuses an array that holds something else; its objects are read all the same.
  const notObject = Array.isArray(root)
    ? root.findIndex(item => !isRawMap(item))
    : -1;
  const errors =
    notObject < 0
      ? []
      : [{ line: lineOfPath(root as any, [notObject], 1), message }];
  const reader = new JsonReader(written, errors);
  const body = reader.body(root, 1, 'file');
  reader.reportRepeatedValueKeys();
  return { body, errors: errors.sort((a, b) => a.line - b.line) };
}
